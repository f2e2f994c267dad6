package org.valuesim.scenarios.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.populations.survey.DataException;
import org.valuesim.populations.survey.SurveyReader;
import org.valuesim.scenarios.scenario.Errors;
import org.valuesim.scenarios.scenario.InputException;

/** A survey file read through its codebook, every problem an input error naming the file and place. */
public record SurveyFiles(Codebook codebook, AnswerTable table) {

    /**
     * @param groupColumn a column splitting the respondents into groups, or null
     */
    public static SurveyFiles read(Path data, Path codebook, String groupColumn) throws InputException {
        SurveyReader reader = new SurveyReader();
        try {
            Codebook book = reader.readCodebook(codebook);
            return new SurveyFiles(book, reader.readAnswers(data, book, groupColumn));
        } catch (JsonProcessingException e) {
            throw new InputException(Errors.describe(codebook, e), e);
        } catch (DataException e) {
            throw new InputException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InputException(e.getFile() + ": no such file", e);
        } catch (IOException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}

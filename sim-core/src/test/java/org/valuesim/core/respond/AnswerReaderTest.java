package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.TokenLogprob;

class AnswerReaderTest {

    static final ResponseScale PVQ = new ResponseScale("likert", List.of(new ResponseOption(1, "Not like me at all"),
            new ResponseOption(2, "Not like me"), new ResponseOption(3, "A little like me"),
            new ResponseOption(4, "Somewhat like me"), new ResponseOption(5, "Like me"),
            new ResponseOption(6, "Very much like me")));

    @Test
    void logprobsOfTokenVariantsAddUpPerOptionAndAreRenormalised() {
        double[] p = AnswerReader.fromLogprobs(List.of(new TokenLogprob("5", Math.log(0.5)),
                new TokenLogprob(" 5", Math.log(0.1)), new TokenLogprob("4.", Math.log(0.2)),
                new TokenLogprob("(6)", Math.log(0.05)), new TokenLogprob("The", Math.log(0.1)),
                new TokenLogprob("9", Math.log(0.05))), PVQ).orElseThrow();
        // 0.6 + 0.2 + 0.05 = 0.85 names an option; "The" and "9" do not
        assertArrayEquals(new double[] {0, 0, 0, 0.2 / 0.85, 0.6 / 0.85, 0.05 / 0.85}, p, 1e-12);
        assertTrue(AnswerReader.fromLogprobs(List.of(new TokenLogprob("I", -0.1)), PVQ).isEmpty());
    }

    @Test
    void theTokenScanReadsWhatTheTokenPatternMatches() {
        java.util.regex.Pattern token = java.util.regex.Pattern.compile("^[\\s*(\\[\"']*(-?\\d+)[\\s*).\\]:\"',]*$");
        List<String> tokens = List.of("5", " 5", "5.", "(5)", "**5", "**5**", "\"3\",", "'4':", "[2]", "\t6\n", "-1", "- 1",
                "--1", "-", "", " ", "The", "5a", "a5", "12", "007", " (-3) ", "5 6", "5-", "\u000B7\f", "\u00a05", "\u0665",
                "5\n", "*(*[\"'9.)]:\"',", "1.5", ")5(");
        for (String t : tokens) {
            java.util.regex.Matcher m = token.matcher(t);
            assertEquals(m.matches() ? m.group(1) : null, AnswerReader.tokenNumber(t), "token [" + t + "]");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5|5",
        "Answer: 5|5",
        "**5** - like me|5",
        "My answer is (3) because I care.|3",
        "I would say 4 out of 6.|4",
        "Not like me|2",
        "Very much like me!|6",
        "It is somewhat like me.|4"})
    void freeTextAnswers(String text, int expected) {
        assertEquals(expected, AnswerReader.parse(text, PVQ).orElseThrow());
    }

    @Test
    void unreadableAnswersAreEmpty() {
        assertTrue(AnswerReader.parse("", PVQ).isEmpty());
        assertTrue(AnswerReader.parse("I cannot answer that.", PVQ).isEmpty());
        assertTrue(AnswerReader.parse("Answer: 9", PVQ).isEmpty());
    }
}

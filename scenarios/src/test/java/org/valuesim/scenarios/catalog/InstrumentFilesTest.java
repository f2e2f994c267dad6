package org.valuesim.scenarios.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.scenarios.scenario.InputException;

class InstrumentFilesTest {

    @TempDir
    Path dir;

    static final String HEAD = """
            id: mine
            title: Mine
            source: made up
            instructions: Answer.
            """;

    Instrument read(String body) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, HEAD + body);
        return new InstrumentCatalog().read(file);
    }

    String error(String body) {
        InputException e = assertThrows(InputException.class, () -> read(body));
        return e.getMessage();
    }

    @Test
    void everyResponseKindLoads() throws Exception {
        Instrument i = read("""
                response: {kind: likert, options: [{value: 1, label: No}, {value: 2, label: Maybe}, {value: 3, label: Yes}]}
                items:
                  - {id: a, text: "Do you like tea?", scale: taste}
                  - {id: b, text: "Do you dislike tea?", scale: taste, reversed: true}
                  - id: c
                    text: Which drink?
                    response: {kind: multiple-choice, options: [{value: 1, label: Tea}, {value: 2, label: Coffee}]}
                  - id: d
                    text: How many cups a day?
                    response: {kind: numeric, min: 0, max: 12}
                  - id: e
                    text: Split 20 points.
                    response:
                      kind: allocation
                      endowment: 20
                      options: [{value: 1, label: Red Cross, serves: benevolence}, {value: 2, label: Keep}]
                """);
        assertEquals(3, i.response(i.item("a")).size());
        assertEquals(ResponseScale.MULTIPLE_CHOICE, i.response(i.item("c")).kind());
        assertEquals(13, i.response(i.item("d")).size());
        assertEquals(12, i.response(i.item("d")).highest());
        assertEquals(20, i.response(i.item("e")).endowment());
        assertEquals("benevolence", i.response(i.item("e")).options().get(0).serves());
    }

    @Test
    void malformedInstrumentsNameTheFileLineAndColumn() {
        String file = dir.resolve("mine.yaml").toString();
        String[][] cases = {
            {"response: {kind: sliding, options: [{value: 1, label: A}, {value: 2, label: B}]}\nitems: [{id: a, text: t}]",
                "unknown response kind 'sliding'"},
            {"response: {kind: numeric, min: 5, max: 1}\nitems: [{id: a, text: t}]", "min <= max"},
            {"response: {kind: allocation, options: [{value: 1, label: A}, {value: 2, label: B}]}\nitems: [{id: a, text: t}]",
                "positive endowment"},
            {"items: [{id: a, text: t}]", "has no response"},
            {"response: {kind: multiple-choice, options: [{value: 1, label: A}, {value: 2, label: B}]}\n"
                + "items: [{id: a, text: t, scale: s, reversed: true}]", "no order"},
            {"human-group: country\nresponse: {kind: likert, options: [{value: 1, label: A}, {value: 2, label: B}]}\n"
                + "items: [{id: a, text: t, human: {Chile: [0.5, 0.2, 0.3]}}]", "list 3 numbers for 2 options"},
            {"response: {kind: likert, options: [{value: 1, label: A}, {value: 2, label: B}]}\n"
                + "items: [{id: a, text: t, human: {Chile: [0.5, 0.5]}}]", "no human-group"},
            {"scales: {s: {value-loadings: {kindness: 0.2}}}\nresponse: {kind: likert, options: [{value: 1, label: A}, "
                + "{value: 2, label: B}]}\nitems: [{id: a, text: t, scale: s}]", "not a Schwartz value"},
            {"response: {kind: likert, options: [{value: 1, label: A}, {value: 2, label: B}]}\nitems: [{id: a, text: t, colour: red}]",
                "colour"},
            {"response: {kind: likert, options: [{value: 1, label: A}, {value: 2, label: B}]}\nitems: [{id: a, text: [t]}]",
                "items[0].text: expected text, got a list"},
            {"response: {kind: likert, options: [{value: 1, label: A}, {value: 2, label: B}]}\nitems: [{id: a, text: \"t}]",
                "YAML syntax error"},
        };
        for (String[] c : cases) {
            String message = error(c[0]);
            assertTrue(message.startsWith(file + ":"), message);
            assertTrue(message.matches("(?s)" + java.util.regex.Pattern.quote(file) + ":\\d+:\\d+: .*"), message);
            assertTrue(message.contains(c[1]), c[1] + " in: " + message);
            assertTrue(!message.contains("\n"), "one line: " + message);
        }
    }

    @Test
    void wvsSampleCarriesCountrySharesAndThePsychometricRespondentDrawsFromThem() {
        Instrument wvs = new InstrumentCatalog().builtIn("wvs-sample").orElseThrow();
        assertEquals(20, wvs.items().size());
        assertEquals("country", wvs.humanGroup());
        var item = wvs.items().get(0);
        assertTrue(item.human().size() >= 10);
        double[] china = item.human().get("China");
        PsychometricRespondent respondent = new PsychometricRespondent(Map.of(), null, 3);
        int[] counts = new int[china.length];
        for (int id = 0; id < 4000; id++) {
            Answer a = respondent.answer(new Persona(id, null, null, Map.of("country", "China")), wvs, item).join();
            assertTrue(a.isOk(), a.failure());
            counts[a.choice() - 1]++;
        }
        for (int k = 0; k < china.length; k++) {
            assertEquals(china[k], counts[k] / 4000.0, 0.03, "option " + (k + 1));
        }
    }
}

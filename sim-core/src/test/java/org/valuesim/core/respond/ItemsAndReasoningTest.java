package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.ModelCallException;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.TokenLogprob;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;

/**
 * Several items per call against a model whose answers are known (item n is answered n mod 6 + 1), thinking text
 * removed before reading, and answer-mode logprobs falling back to sampling when no log-probabilities come back.
 */
class ItemsAndReasoningTest {

    static final Persona PERSONA = new Persona(1, null, SchwartzValue.BENEVOLENCE, Map.of());
    static final Pattern NUMBERED = Pattern.compile("(?m)^(\\d+)\\. .*item (\\d+)\\.$");

    static Instrument instrument(int items) {
        List<Item> list = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            list.add(new Item("q" + i, "This is item " + i + ".", "benevolence", false));
        }
        return new Instrument("survey", "Survey", "s", "Rate each person.", "How much like you is this person?",
                AnswerReaderTest.PVQ, list);
    }

    static int known(int item) {
        return item % 6 + 1;
    }

    /** Answers a group with one "n: answer" line per item it lists, garbling the line of item 4; a single item alone. */
    static ModelResponse answer(ModelRequest request) {
        String prompt = request.messages().get(1).content();
        Matcher m = NUMBERED.matcher(prompt);
        StringBuilder lines = new StringBuilder();
        while (m.find()) {
            int item = Integer.parseInt(m.group(2));
            lines.append(m.group(1)).append(": ").append(item == 4 ? "I'd rather not say" : known(item)).append('\n');
        }
        if (lines.length() > 0) {
            return new ModelResponse("<think>Let me think about each one.</think>\n" + lines, List.of(), 200, 30);
        }
        Matcher single = Pattern.compile("item (\\d+)\\.").matcher(prompt);
        single.find();
        return new ModelResponse(Integer.toString(known(Integer.parseInt(single.group(1)))), List.of(), 120, 1);
    }

    @Test
    void severalItemsPerCallAnswerEachItemFromItsLineAndAnUnreadableItemIsAskedAlone() {
        LlmRespondentTest.Scripted model = new LlmRespondentTest.Scripted(ItemsAndReasoningTest::answer);
        ModelGateway gateway = new ModelGateway(model, GatewayConfig.of(List.of("http://stand-in"), 4), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        LlmRespondent respondent = new LlmRespondent("value-prompt", gateway, Prompts.builtIn(),
                LlmRespondent.AnswerMode.SAMPLE, 1, 0, LlmRespondent.Choice.ARGMAX, 1, null, 4);
        Instrument survey = instrument(10);
        List<Answer> answers = survey.items().stream()
                .map(item -> respondent.answer(PERSONA, survey, item).join()).toList();
        for (int i = 0; i < 10; i++) {
            assertTrue(answers.get(i).isOk(), answers.get(i).failure());
            assertEquals(known(i), answers.get(i).choice(), "item " + i);
        }
        // groups of 4, 4 and 2 items share one call each; item 4's garbled line sends it alone
        assertEquals(4, model.requests.size());
        assertEquals(4, gateway.stats().snapshot().modelCalls());
        assertEquals(11, gateway.stats().snapshot().requests());
        assertEquals(7, gateway.stats().snapshot().sharedRequests());
        assertTrue(model.requests.get(0).messages().get(1).content().contains("1. This is item 0.\n2. This is item 1."));
        assertEquals(24, model.requests.get(0).sampling().maxTokens(), "six output tokens an item");
        assertEquals(2, answers.get(4).provenance().attempts(), "the group's call, then its own");
        assertEquals(answers.get(5).provenance().promptHash(), answers.get(6).provenance().promptHash());
    }

    @Test
    void oneItemPerCallAsksAsBefore() {
        LlmRespondentTest.Scripted model = new LlmRespondentTest.Scripted(ItemsAndReasoningTest::answer);
        LlmRespondent respondent = new LlmRespondent("value-prompt", new ModelGateway(model,
                GatewayConfig.of(List.of("http://stand-in"), 4), CallCache.NONE, ModelGateway.CacheMode.OFF),
                Prompts.builtIn(), LlmRespondent.AnswerMode.SAMPLE, 1, 0, LlmRespondent.Choice.ARGMAX, 1, null, 1);
        Instrument survey = instrument(3);
        survey.items().forEach(item -> respondent.answer(PERSONA, survey, item).join());
        assertEquals(3, model.requests.size());
        assertEquals(Prompts.builtIn().item(survey, survey.items().get(0), PERSONA),
                model.requests.get(0).messages().get(1).content());
    }

    @Test
    void thinkingIsRemovedBeforeAnAnswerIsRead() {
        assertEquals("4", ThinkingText.strip("<think>I could say 6, or 2.</think>\n4"));
        assertEquals("Answer: 5", ThinkingText.strip("Okay, the person likes helping; maybe 3?\n</think>\n\nAnswer: 5"),
                "DeepSeek-R1 opens <think> in its template, so only the closing tag shows");
        assertEquals("", ThinkingText.strip("<think>It is hard to say, 2 or 3 or"), "cut off while thinking");
        assertEquals("2", ThinkingText.strip("<thinking>5?</thinking>2"));
        assertEquals("Like me", ThinkingText.strip("Like me"));
        assertEquals(OptionalInt.of(4), AnswerReader.parse("<think>Maybe 6. No, 2.</think> 4", AnswerReaderTest.PVQ));
        assertEquals(OptionalInt.empty(), AnswerReader.parse("<think>I think 5, but the limit came", AnswerReaderTest.PVQ));
    }

    @Test
    void noLogprobsFallsBackToSamplingWithTheFirstAnswerAsASampleAndTheGatewayCountsIt() {
        LlmRespondentTest.Scripted model = new LlmRespondentTest.Scripted(r -> new ModelResponse(
                r.sampleIndex() == 2 ? "2" : "5", List.of(), 100, 1));
        ModelGateway gateway = new ModelGateway(model, GatewayConfig.of(List.of("http://stand-in"), 4), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        LlmRespondent respondent = new LlmRespondent("value-prompt", gateway, Prompts.builtIn(),
                LlmRespondent.AnswerMode.LOGPROBS, 3, 0.7, LlmRespondent.Choice.ARGMAX, 1);
        Answer a = respondent.answer(PERSONA, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
        assertEquals(3, model.requests.size(), "the log-probability call counts as the first of three samples");
        assertEquals(20, model.requests.get(0).sampling().topLogprobs());
        assertEquals(0, model.requests.get(1).sampling().topLogprobs());
        assertArrayEquals(new double[] {0, 1 / 3.0, 0, 0, 2 / 3.0, 0}, a.distribution(), 1e-12);
        assertEquals("5 | 5 | 2", a.rawText(), "texts in sample order");
        assertEquals(1L, gateway.stats().logprobsMissing());
    }

    @Test
    void aServerThatRefusesLogprobsIsSampledInstead() {
        List<ModelRequest> requests = new ArrayList<>();
        org.valuesim.core.llm.ModelBackend model = new org.valuesim.core.llm.ModelBackend() {
            @Override
            public String provider() {
                return "scripted";
            }

            @Override
            public String model() {
                return "o-model";
            }

            @Override
            public synchronized ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
                requests.add(request);
                if (request.sampling().topLogprobs() > 0) {
                    throw new ModelCallException("HTTP 400: logprobs is not supported with this model", false, null, null);
                }
                return new ModelResponse("4", List.of(new TokenLogprob("4", 0)), 100, 1);
            }
        };
        ModelGateway gateway = new ModelGateway(model, GatewayConfig.of(List.of("http://stand-in"), 4), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        LlmRespondent respondent = new LlmRespondent("value-prompt", gateway, Prompts.builtIn(),
                LlmRespondent.AnswerMode.LOGPROBS, 1, 0, LlmRespondent.Choice.ARGMAX, 1);
        Answer a = respondent.answer(PERSONA, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
        assertTrue(a.isOk(), a.failure());
        assertEquals(4, a.choice());
        assertEquals(2, requests.size());
        assertEquals(1L, gateway.stats().logprobsMissing());
    }
}

package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.embed.TextEmbedder;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;

/** The paper protocol's messages and reading rules, against a scripted model. */
class PaperProtocolTest {

    static final String STORY = "You are 44, you teach history, and you care most about your family.";
    static final Persona PERSON = new Persona(0, null, null, Map.of(), List.of(
            new ProfileStatement("pvq21-12", "beliefs", "Asked ... you answered \"Like me\" (5 of 6).",
                    "It's very important to her or him to help the people around her or him.", "Like me"),
            new ProfileStatement("demographic:age", "demographics", "Your age is 44.", "age", "44")), STORY);

    static ModelGateway gateway(LlmRespondentTest.Scripted model) {
        return new ModelGateway(model, GatewayConfig.of(List.of("http://stand-in"), 3), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
    }

    /** Modules reply by their perspective (read from the guidance line); the coordinator's reply is given. */
    static LlmRespondentTest.Scripted caps(String cognitive, String affective, String behavioral, String coordinator) {
        return new LlmRespondentTest.Scripted(r -> {
            String text = r.messages().get(0).content();
            String reply = text.contains("from the cognitive side") ? cognitive : text.contains("from the affective side")
                    ? affective : text.contains("from the behavioural side") ? behavioral : coordinator;
            return new ModelResponse(reply, List.of(), 100, 20);
        });
    }

    static Answer ask(LlmRespondentTest.Scripted model, CapsRespondent.Integration integration) {
        return new CapsRespondent(gateway(model), Prompts.builtIn(Protocol.PAPER), integration, 0, Protocol.PAPER)
                .answer(PERSON, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
    }

    @Test
    void eachModuleIsOneUserMessageWithGuidanceStoryAndQuestionAndItsFirstAnswerIsRead() {
        LlmRespondentTest.Scripted model = caps("Answer: 2\nAnalysis: careful with money. Answer: 6",
                "Answer: 2\nAnalysis: money makes her anxious.", "Answer: 2\nShe saves.", "unused");
        Answer a = ask(model, CapsRespondent.Integration.COORDINATOR);
        assertEquals(3, model.requests.size(), "agreeing modules need no coordinator");
        assertTrue(a.isOk());
        assertEquals(2, a.choice(), "the first Answer: is read, not the last");
        for (ModelRequest r : model.requests) {
            assertEquals(1, r.messages().size());
            assertEquals("user", r.messages().get(0).role(), "no system message");
            String text = r.messages().get(0).content();
            assertTrue(text.contains("Profile:\n" + STORY + "\n\nQuestion:\nIt is important to her or him to be rich.\n"
                    + "How much like you is this person?\nOptions:\n1: Not like me at all\n2: Not like me\n"), text);
            assertTrue(text.endsWith("Answer: <the number of the option>\nAnalysis: <why this person would choose that "
                    + "option>"), "answer first, then analysis");
            assertEquals(Sampling.NO_CAP, r.sampling().maxTokens(), "no cap can cut a reply short");
        }
        assertEquals("careful with money.", a.modules().get(0).analysis());
        assertEquals("She saves.", a.modules().get(2).analysis(), "without Analysis: the text after the answer line");
    }

    @Test
    void theCoordinatorSeesQuestionOptionsAnswersAndAnalysesButNotTheStory() {
        LlmRespondentTest.Scripted model = caps("Answer: 2\nAnalysis: thrifty.", "I cannot tell.",
                "Answer: 5\nAnalysis: ambitious.", "Answer: 4\nAnalysis: balanced. Answer: 1");
        Answer a = ask(model, CapsRespondent.Integration.COORDINATOR);
        assertEquals(4, model.requests.size());
        assertEquals(4, a.choice());
        ModelRequest coordinator = model.requests.get(3);
        assertEquals(1, coordinator.messages().size());
        assertEquals("user", coordinator.messages().get(0).role());
        String text = coordinator.messages().get(0).content();
        assertFalse(text.contains("teach history"), "the coordinator does not read the story");
        assertTrue(text.contains("Question: It is important to her or him to be rich.\nHow much like you is this person?\n"
                + "Options: 1: Not like me at all\n2: Not like me\n"), text);
        assertTrue(text.contains("Cognitive side, answer: 2\nCognitive side, analysis: thrifty.\n\n"
                + "Emotional side, answer: None\nEmotional side, analysis: \n\n"
                + "Behavioural side, answer: 5\nBehavioural side, analysis: ambitious."), text);
        assertNull(a.modules().get(1).answer());
    }

    @Test
    void unreadableModulesAreIgnoredByTheAgreementRule() {
        LlmRespondentTest.Scripted one = caps("no idea", "Answer: 3", "can't say", "unused");
        Answer single = ask(one, CapsRespondent.Integration.COORDINATOR);
        assertEquals(3, one.requests.size(), "one readable answer stands without a coordinator");
        assertEquals(3, single.choice());
        LlmRespondentTest.Scripted two = caps("Answer: 5", "no idea", "Answer: 5", "unused");
        assertEquals(5, ask(two, CapsRespondent.Integration.COORDINATOR).choice());
        assertEquals(3, two.requests.size(), "all readable answers equal is unanimous");
        LlmRespondentTest.Scripted none = caps("no idea", "hmm", "pass", "unused");
        Answer failed = ask(none, CapsRespondent.Integration.COORDINATOR);
        assertEquals(3, none.requests.size(), "no repair call");
        assertFalse(failed.isOk());
        assertTrue(failed.namesNoOption(), failed.failure());
    }

    @Test
    void anAnswerThatIsNoOptionFailsWithoutARepairCall() {
        LlmRespondentTest.Scripted model = caps("Answer: 7", "Answer: 7", "Answer: 7", "unused");
        Answer a = ask(model, CapsRespondent.Integration.COORDINATOR);
        assertEquals(3, model.requests.size());
        assertFalse(a.isOk());
        assertEquals("not an option: answer 7", a.failure());
        assertTrue(a.namesNoOption());
        LlmRespondentTest.Scripted average = caps("Answer: 2", "Answer: 5", "Answer: 6", "unused");
        assertEquals(5, ask(average, CapsRespondent.Integration.AVERAGE).choice(), "ceil(13 / 3)");
    }

    /** A fixed embedding: texts about money point one way, everything else another. */
    static final TextEmbedder MONEY = text -> text.contains("rich") || text.contains("money")
            ? new float[] {1, 0} : text.contains("help") ? new float[] {0.6f, 0.8f} : new float[] {0, 1};

    @Test
    void singleCallBaselinesWriteDocumentsAndReadTheFirstNumber() {
        LlmRespondentTest.Scripted model = new LlmRespondentTest.Scripted(r -> new ModelResponse(
                "Option 4 (somewhat like me), not 6.", List.of(), 30, 8));
        Answer full = new PaperRespondent("full-profile", gateway(model), Prompts.builtIn(Protocol.PAPER), 0, null)
                .answer(PERSON, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
        assertEquals(4, full.choice());
        String text = model.requests.get(0).messages().get(0).content();
        assertEquals(1, model.requests.get(0).messages().size());
        assertTrue(text.startsWith("Question: It is important to her or him to be rich.\nHow much like you is this "
                + "person?\nOptions:\n1: Not like me at all\n"), text);
        assertTrue(text.contains("About this respondent: It's very important to her or him to help the people around "
                + "her or him.\nHow much like you is this person?\nNot like me at all\nNot like me\nA little like me\n"
                + "Somewhat like me\nLike me\nVery much like me\n5\nage\n44\n"), text);

        LlmRespondent.Retrieval top1 = new LlmRespondent.Retrieval(MONEY, 1, -1);
        new PaperRespondent("rag", gateway(model), Prompts.builtIn(Protocol.PAPER), 0, top1)
                .answer(PERSON, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
        String rag = model.requests.get(1).messages().get(0).content();
        assertTrue(rag.contains("bears on the question:\n- It's very important to her or him to help the people around "
                + "her or him.\nHow much like you is this person?\nNot like me at all\n"), rag);
        assertTrue(rag.contains("Very much like me\n5 [similarity: 0.6000]\n\n"), rag);
        assertFalse(rag.contains("age\n44"), "only the top 1 is retrieved");
    }

    @Test
    void aBaselineReplyWithoutAnOptionFailsWithItsTextAndNoRepairCall() {
        LlmRespondentTest.Scripted model = new LlmRespondentTest.Scripted(r -> new ModelResponse(
                r.messages().get(0).content().contains("teach") ? "x" : "I would say 9.", List.of(), 30, 8));
        Answer a = new PaperRespondent("naive", gateway(model), Prompts.builtIn(Protocol.PAPER), 0, null)
                .answer(PERSON, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
        assertEquals(1, model.requests.size());
        assertFalse(a.isOk());
        assertEquals("not an option: answer 9", a.failure());
        assertEquals("I would say 9.", a.rawText());
        assertTrue(model.requests.get(0).messages().get(0).content().startsWith("Question: It is important"));
    }

    @Test
    void theAuthorsPromptFilesDropInUnchanged(@TempDir Path dir) throws Exception {
        // the structure and fields of the authors' Q_prompts/prompt_cognitive.txt, with a literal brace pair
        Path module = dir.resolve("prompt_cognitive.txt");
        Files.writeString(module, "Analyse the User Profile {{as JSON}} and answer.\n\nUser Profile:\n{profile_text}\n\n"
                + "Question:\n{question_text_with_options}\n\nFormat:\nAnswer: [option number]\nAnalysis: [reasoning]\n");
        Prompts prompts = Prompts.load(Map.of("paper-caps-cognitive", module), Protocol.PAPER);
        LlmRespondentTest.Scripted model = new LlmRespondentTest.Scripted(r -> new ModelResponse("Answer: 3", List.of(), 1, 1));
        new CapsRespondent(gateway(model), prompts, CapsRespondent.Integration.COORDINATOR, 0, Protocol.PAPER)
                .answer(PERSON, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
        Function<Integer, String> message = i -> model.requests.get(i).messages().get(0).content();
        String cognitive = List.of(0, 1, 2).stream().map(message).filter(t -> t.startsWith("Analyse")).findFirst()
                .orElseThrow();
        assertTrue(cognitive.startsWith("Analyse the User Profile {as JSON} and answer.\n\nUser Profile:\n" + STORY
                + "\n\nQuestion:\nIt is important to her or him to be rich.\n"), cognitive);

        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, "Profile: {user_profile}\n{question_text_with_options}");
        assertTrue(Prompts.check("paper-caps-cognitive", Files.readString(wrong)).startsWith("uses {user_profile}, which "
                + "paper-caps-cognitive does not fill"));
        assertThrows(IllegalArgumentException.class, () -> Prompts.load(Map.of("paper-caps-cognitive", wrong),
                Protocol.PAPER));
    }

    @Test
    void thePaperValuePromptImaginesThePersonThenDefinesTheValue() {
        LlmRespondentTest.Scripted model = new LlmRespondentTest.Scripted(r -> new ModelResponse("4", List.of(), 1, 1));
        new LlmRespondent("value-prompt", gateway(model), Prompts.builtIn(Protocol.PAPER),
                LlmRespondent.AnswerMode.SAMPLE, 1, 0, LlmRespondent.Choice.ARGMAX, 1)
                .answer(LlmRespondentTest.POWER, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
        assertEquals("Imagine that you are a person to whom Power matters a great deal.\nPower: Social status and "
                + "prestige, control or dominance over people and resources.\nAnswer every question as this person would.",
                model.requests.get(0).messages().get(0).content());
    }
}

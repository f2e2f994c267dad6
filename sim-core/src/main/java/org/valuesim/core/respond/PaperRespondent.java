package org.valuesim.core.respond;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;

/**
 * The ValueSim authors' single-call respondents (paper protocol): {@code naive} (their blank profile), {@code
 * full-profile} (origin_full: every answered question as a document of question, option labels and chosen code)
 * and {@code rag} (topk_cv.py: the documents most similar to the question with its options, each shown with its
 * similarity). One user message per answer, no cap on the reply, the first whole number in the reply is the answer;
 * there is no repair call, and a reply without a number, or with one that is not an option, is a failed answer
 * ({@link Answer#namesNoOption()}) with the raw text. Allocation items, which the paper does not have, are refused
 * as failed answers.
 */
public final class PaperRespondent implements Respondent {

    private final String kind;
    private final ModelGateway gateway;
    private final Prompts prompts;
    private final PaperQuestions questions;
    private final Sampling sampling;
    private final LlmRespondent.Retrieval retrieval;

    /**
     * @param retrieval for rag: the embedder, k and threshold; null otherwise
     */
    public PaperRespondent(String kind, ModelGateway gateway, Prompts prompts, double temperature,
                           LlmRespondent.Retrieval retrieval) {
        if (!List.of("naive", "full-profile", "rag").contains(kind)) {
            throw new IllegalArgumentException("the paper protocol has no single-call respondent " + kind);
        }
        if (kind.equals("rag") && retrieval == null) {
            throw new IllegalArgumentException("the rag respondent needs a retrieval");
        }
        this.kind = kind;
        this.gateway = gateway;
        this.prompts = prompts;
        this.questions = new PaperQuestions(prompts);
        this.sampling = new Sampling(temperature, Sampling.NO_CAP, 0);
        this.retrieval = retrieval;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
        ResponseScale scale = instrument.response(item);
        if (scale.isAllocation()) {
            return CompletableFuture.completedFuture(Answer.failed(persona.id(), instrument.id(), item.id(),
                    "the paper protocol has no allocation items", "", Provenance.embedded(kind)));
        }
        String question = questions.questionWithOptions(instrument, item, persona);
        String text = switch (kind) {
            case "full-profile" -> prompts.paper("paper-full-profile", Map.of("question_text_with_options", question,
                    "original_profile_text", String.join("\n", documents(persona, instrument))));
            case "rag" -> prompts.paper("paper-rag", Map.of("question_text_with_options", question,
                    "profile_text", retrieved(question, persona, instrument)));
            default -> prompts.paper("paper-naive", Map.of("question_text_with_options", question));
        };
        return gateway.call(new ModelRequest(List.of(Message.user(text)), sampling, 0))
                .thenApply(r -> read(persona, instrument, item, r));
    }

    /** The retrieved documents, one "- document [similarity: s]" line each, most similar first. */
    private String retrieved(String question, Persona persona, Instrument instrument) {
        return retrieval.retrieve(question, documents(persona, instrument), d -> d).stream()
                .map(s -> prompts.paper("paper-retrieved", Map.of("document", s.item(),
                        "similarity", String.format(Locale.ROOT, "%.4f", s.similarity()))))
                .collect(Collectors.joining("\n"));
    }

    private Answer read(Persona persona, Instrument instrument, Item item, GatewayResult r) {
        Provenance provenance = new Provenance(kind, gateway.backend().model(), r.key(), r.cacheHit(), r.attempts(),
                r.latencyMs(), r.ok() ? r.response().tokensIn() : 0, r.ok() ? r.response().tokensOut() : 0);
        if (!r.ok()) {
            return Answer.failed(persona.id(), instrument.id(), item.id(), "model call failed: " + r.failure(), "",
                    provenance);
        }
        String raw = r.response().text() == null ? "" : r.response().text();
        Integer number = PaperReader.firstNumber(raw);
        ResponseScale scale = instrument.response(item);
        if (number == null) {
            return Answer.failed(persona.id(), instrument.id(), item.id(), Answer.UNREADABLE + ": no number in the reply",
                    raw, provenance);
        }
        int index = scale.indexOf(number);
        if (index < 0) {
            return Answer.failed(persona.id(), instrument.id(), item.id(), Answer.NOT_AN_OPTION + ": answer " + number,
                    raw, provenance);
        }
        double[] p = new double[scale.size()];
        p[index] = 1;
        return Answer.ok(persona.id(), instrument.id(), item.id(), number, p, raw, provenance);
    }

    /** The persona's profile as documents, in profile order. */
    private List<String> documents(Persona persona, Instrument instrument) {
        return persona.profile().stream().map(s -> questions.document(s, instrument, persona)).toList();
    }
}

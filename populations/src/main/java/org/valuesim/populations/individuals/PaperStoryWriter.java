package org.valuesim.populations.individuals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;
import org.valuesim.core.respond.PaperQuestions;
import org.valuesim.core.respond.Prompts;

/**
 * ValueSim's story module as the authors' code runs it (main_cv.py, generate_story_with_llm): one user message, the
 * paper-story prompt holding the person's natural-language statements one a line; the reply is the story. No
 * coverage check and no rewrite: one story per person (an empty profile gets an empty story and no call). When the
 * call fails, the statements themselves stand in for the story, as in the authors' code, and {@link #failures()}
 * counts it.
 *
 * <p>With {@code rounds > 0} the authors' optional optimisation loop (optimize_user_story, off in their main run):
 * the story is scored by having the model re-answer the profile's questions from it (paper-story-evaluate; the
 * score is the share of answered questions it gets right); each round writes {@code variants} rewrites of the best
 * story so far (paper-story-modify), scores them, and keeps the best only if it scores strictly higher, else stops.
 * Every call goes through the gateway, so a re-run is answered from the cache.
 */
public final class PaperStoryWriter implements BackstoryWriter {

    private static final Pattern ANSWER_LINE = Pattern.compile("Q(\\d+):\\s*(\\d+)");

    private final ModelGateway gateway;
    private final Prompts prompts;
    private final Instrument instrument;
    private final Sampling sampling;
    private final int variants;
    private final int rounds;
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param instrument the instrument the profile's items come from (the optimisation asks its questions again)
     * @param variants   rewrites per optimisation round
     * @param rounds     optimisation rounds; 0 writes the story once, as the paper's main run
     */
    public PaperStoryWriter(ModelGateway gateway, Prompts prompts, Instrument instrument, double temperature,
                            int variants, int rounds) {
        if (rounds < 0 || (rounds > 0 && variants < 1)) {
            throw new IllegalArgumentException("optimisation needs at least one variant per round");
        }
        this.gateway = gateway;
        this.prompts = prompts;
        this.instrument = instrument;
        this.sampling = new Sampling(temperature, Sampling.NO_CAP, 0);
        this.variants = variants;
        this.rounds = rounds;
    }

    @Override
    public String id() {
        return "llm";
    }

    /** Stories that could not be written (their statements stood in). */
    public long failures() {
        return failures.get();
    }

    @Override
    public Backstory write(Persona persona) {
        if (persona.profile().isEmpty()) {
            return new Backstory("", 1, 0);
        }
        String facts = facts(persona);
        GatewayResult first = gateway.call(firstCall(persona).orElseThrow()).join();
        if (!first.ok()) {
            failures.incrementAndGet();
            return new Backstory(facts, BackstoryCoverage.of(persona.profile(), facts), 1);
        }
        String best = first.response().text().strip();
        int written = 1;
        List<Question> questions = rounds > 0 ? questions(persona) : List.of();
        if (!questions.isEmpty()) {
            double bestScore = score(best, questions).join();
            for (int round = 0; round < rounds; round++) {
                List<CompletableFuture<GatewayResult>> rewrites = new ArrayList<>();
                String ask = prompts.paper("paper-story-modify", Map.of("profile_text", facts, "current_story", best));
                for (int v = 0; v < variants; v++) {
                    rewrites.add(call(ask, v));
                }
                written += variants;
                List<String> stories = rewrites.stream().map(CompletableFuture::join).filter(GatewayResult::ok)
                        .map(r -> r.response().text().strip()).toList();
                List<CompletableFuture<Double>> scores = stories.stream().map(s -> score(s, questions)).toList();
                int top = -1;
                for (int i = 0; i < stories.size(); i++) {
                    if (top < 0 || scores.get(i).join() > scores.get(top).join()) {
                        top = i;
                    }
                }
                if (top < 0 || scores.get(top).join() <= bestScore) {
                    break;
                }
                best = stories.get(top);
                bestScore = scores.get(top).join();
            }
        }
        return new Backstory(best, BackstoryCoverage.of(persona.profile(), best), written);
    }

    /** The story call: the paper-story prompt with the person's statements, one a line. */
    @Override
    public java.util.Optional<ModelRequest> firstCall(Persona persona) {
        return java.util.Optional.of(new ModelRequest(List.of(Message.user(prompts.paper("paper-story",
                Map.of("profile_text", facts(persona))))), sampling, 0));
    }

    private static String facts(Persona persona) {
        return String.join("\n", persona.profile().stream().map(ProfileStatement::text).toList());
    }

    /** A profile question and the code the person chose. */
    private record Question(String text, int code) {
    }

    /** The profile's item statements as questions with options (demographics have no options and are left out). */
    private List<Question> questions(Persona persona) {
        PaperQuestions paper = new PaperQuestions(prompts);
        List<Question> out = new ArrayList<>();
        for (ProfileStatement s : persona.profile()) {
            Item item = instrument.items().stream().filter(i -> i.id().equals(s.key())).findFirst().orElse(null);
            if (item == null) {
                continue;
            }
            instrument.response(item).options().stream().filter(o -> o.label().equals(s.answer())).findFirst()
                    .ifPresent(o -> out.add(new Question(paper.questionWithOptions(instrument, item, persona), o.value())));
        }
        return out;
    }

    /**
     * The share of the questions the model answers right from the story, among those it answers (0 when it answers
     * none or the call fails), as the authors' evaluate_story_accuracy. Their prompt lists the questions without
     * their ids yet asks for "Q&lt;id&gt;: answer" lines; here they are numbered Q1..Qn so the lines can be matched.
     */
    private CompletableFuture<Double> score(String story, List<Question> questions) {
        StringBuilder listed = new StringBuilder();
        for (int q = 0; q < questions.size(); q++) {
            listed.append(q == 0 ? "" : "\n\n").append('Q').append(q + 1).append(": ").append(questions.get(q).text());
        }
        return call(prompts.paper("paper-story-evaluate", Map.of("story", story, "questions", listed.toString())), 0)
                .thenApply(r -> {
                    if (!r.ok()) {
                        return 0.0;
                    }
                    Map<Integer, Integer> answers = new HashMap<>();
                    Matcher m = ANSWER_LINE.matcher(r.response().text());
                    while (m.find()) {
                        if (m.group(1).length() > 6 || m.group(2).length() > 6) {
                            continue;
                        }
                        int q = Integer.parseInt(m.group(1)) - 1;
                        if (q >= 0 && q < questions.size()) {
                            answers.put(q, Integer.parseInt(m.group(2)));
                        }
                    }
                    long right = answers.entrySet().stream().filter(e -> questions.get(e.getKey()).code() == e.getValue())
                            .count();
                    return answers.isEmpty() ? 0.0 : right / (double) answers.size();
                });
    }

    private CompletableFuture<GatewayResult> call(String text, int sample) {
        return gateway.call(new ModelRequest(List.of(Message.user(text)), sampling, sample));
    }
}

package org.valuesim.core.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Decision;
import org.valuesim.core.respond.Respondent;

/**
 * A respondent that answers nothing itself: it gathers the questions of contiguous blocks of at most blockSize
 * agents, per phase (the survey, or one dilemma round), and hands each block to a {@link BlockRunner} once all of
 * its questions are in. The simulation steps every agent of a phase (of a survey window) before its barrier waits
 * for their answers, so blocks fill in the step loop; a survey's blocks never cross the edge of a window, so each
 * fills in its window's step. A block that cannot fill (a resumed run whose log already holds some of its answers)
 * is sent after a short linger. Every question keeps its own
 * future, so the barrier gathers the answers in agent order whatever order the blocks come back in.
 */
public final class ShardedRespondent implements Respondent {

    public static final String SURVEY = "survey";

    private final Respondent local;
    private final int agents;
    private final int blockSize;
    private final int surveyWindow;
    private final int questionsPerAgent;
    private final BlockRunner runner;
    private final long lingerMillis;
    private final Map<String, Open> open = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "valuesim-block-linger");
        t.setDaemon(true);
        return t;
    });

    /** A block still gathering its questions. */
    private static final class Open {
        final String phase;
        final int index;
        final int expected;
        final Map<Integer, Persona> personas = new LinkedHashMap<>();
        final List<Question> questions = new ArrayList<>();
        final List<CompletableFuture<Answer>> answers = new ArrayList<>();

        Open(String phase, int index, int expected) {
            this.phase = phase;
            this.index = index;
            this.expected = expected;
        }
    }

    /**
     * @param local             the respondent as this machine would build it: its kind and whether it reads decision
     *                          texts (it is asked nothing)
     * @param agents            agents in the run (ids 0 .. agents - 1)
     * @param surveyWindow      agents the simulation steps together in the survey (its window)
     * @param questionsPerAgent survey items each agent answers
     * @param lingerMillis      how long a block that has not filled waits for more questions before it is sent
     */
    public ShardedRespondent(Respondent local, int agents, int blockSize, int surveyWindow, int questionsPerAgent,
                             BlockRunner runner, long lingerMillis) {
        if (blockSize < 1 || surveyWindow < 1) {
            throw new IllegalArgumentException("block size and window must be at least 1, got " + blockSize + " and "
                    + surveyWindow);
        }
        this.local = local;
        this.agents = agents;
        this.blockSize = blockSize;
        this.surveyWindow = surveyWindow;
        this.questionsPerAgent = questionsPerAgent;
        this.runner = runner;
        this.lingerMillis = lingerMillis;
    }

    @Override
    public String kind() {
        return local.kind();
    }

    @Override
    public boolean readsDecisionText() {
        return local.readsDecisionText();
    }

    /** As on one machine: answers the respondent recomputes exactly (embedded ones) bypass the log. */
    @Override
    public boolean recomputable() {
        return local.recomputable();
    }

    @Override
    public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
        return ask(SURVEY, surveyWindow, questionsPerAgent, persona,
                new Question(persona.id(), instrument.id(), item.id(), null));
    }

    @Override
    public CompletableFuture<Answer> act(Persona persona, Decision decision) {
        Question.Move move = new Question.Move(decision.game(), decision.round(), decision.item().text(),
                decision.othersCooperation());
        // a dilemma round steps every agent at once: one window
        return ask(decision.frame().id() + "#" + decision.round(), agents, 1, persona,
                new Question(persona.id(), decision.frame().id(), decision.item().id(), move));
    }

    /** @param window agents the phase steps together: its blocks end at the edges of these windows */
    private CompletableFuture<Answer> ask(String phase, int window, int perAgent, Persona persona, Question question) {
        int agent = Math.max(0, persona.id());
        int windowIndex = agent / Math.max(1, window);
        int windowStart = windowIndex * window;
        int inWindow = (agent - windowStart) / blockSize;
        int start = windowStart + inWindow * blockSize;
        int end = (int) Math.min(Math.min((long) agents, (long) windowStart + window), (long) start + blockSize);
        int index = windowIndex * ((window + blockSize - 1) / blockSize) + inWindow;
        String key = phase + "@" + index;
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Open full = null;
        synchronized (open) {
            Open block = open.get(key);
            if (block == null) {
                int members = Math.max(1, end - start);
                block = new Open(phase, index, members * perAgent);
                open.put(key, block);
                Open scheduled = block;
                timer.schedule(() -> sendIfOpen(key, scheduled), lingerMillis, TimeUnit.MILLISECONDS);
            }
            block.personas.putIfAbsent(persona.id(), persona);
            block.questions.add(question);
            block.answers.add(answer);
            if (block.questions.size() >= block.expected) {
                open.remove(key);
                full = block;
            }
        }
        if (full != null) {
            send(full);
        }
        return answer;
    }

    private void sendIfOpen(String key, Open block) {
        synchronized (open) {
            if (open.get(key) != block) {
                return;
            }
            open.remove(key);
        }
        send(block);
    }

    private void send(Open block) {
        Block sent = new Block(block.phase, block.index, List.copyOf(block.personas.values()), block.questions);
        CompletableFuture<List<Answer>> done;
        try {
            done = runner.run(sent);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((answers, failure) -> {
            for (int i = 0; i < block.answers.size(); i++) {
                if (failure != null) {
                    block.answers.get(i).completeExceptionally(failure);
                } else {
                    block.answers.get(i).complete(answers.get(i));
                }
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            runner.close();
        } finally {
            local.close();
        }
    }
}

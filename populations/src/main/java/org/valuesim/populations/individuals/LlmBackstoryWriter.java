package org.valuesim.populations.individuals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;

/**
 * ValueSim's backstory step: a model writes the second-person narrative, keeping every data point.
 * The instructions are the resource backstory/llm-writer.txt (or a user's file). Each story's coverage
 * is measured; below {@code minCoverage} the model writes again (as another sample, so each attempt is
 * its own cache entry), at most {@code maxAttempts} times, and the best story is kept. Calls go through
 * the gateway, so a re-run is answered from the cache.
 */
public final class LlmBackstoryWriter implements BackstoryWriter {

    private final ModelGateway gateway;
    private final String instructions;
    private final Sampling sampling;
    private final double minCoverage;
    private final int maxAttempts;

    public LlmBackstoryWriter(ModelGateway gateway, String instructions, Sampling sampling, double minCoverage,
                              int maxAttempts) {
        if (maxAttempts < 1 || minCoverage < 0 || minCoverage > 1) {
            throw new IllegalArgumentException("need at least one attempt and a coverage between 0 and 1");
        }
        this.gateway = gateway;
        this.instructions = instructions;
        this.sampling = sampling;
        this.minCoverage = minCoverage;
        this.maxAttempts = maxAttempts;
    }

    /** The built-in instructions. */
    public static String defaultInstructions() {
        try (InputStream in = LlmBackstoryWriter.class.getClassLoader().getResourceAsStream("backstory/llm-writer.txt")) {
            if (in == null) {
                throw new IOException("missing resource backstory/llm-writer.txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String id() {
        return "llm";
    }

    /** The call that writes a persona's story: the instructions, then its facts one a line; attempt k is sample k. */
    public ModelRequest request(Persona persona, int attempt) {
        StringBuilder facts = new StringBuilder();
        for (ProfileStatement s : persona.profile()) {
            facts.append("- ").append(s.text()).append('\n');
        }
        return new ModelRequest(List.of(Message.system(instructions), Message.user(facts.toString().strip())), sampling,
                attempt);
    }

    @Override
    public java.util.Optional<ModelRequest> firstCall(Persona persona) {
        return java.util.Optional.of(request(persona, 0));
    }

    /** How many stories it may write per persona. */
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public Backstory write(Persona persona) {
        Backstory best = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            GatewayResult result = gateway.call(request(persona, attempt)).join();
            if (!result.ok()) {
                throw new IllegalStateException("the backstory of persona " + persona.id() + " could not be written: "
                        + result.failure());
            }
            String story = result.response().text().strip();
            Backstory written = new Backstory(story, BackstoryCoverage.of(persona.profile(), story), attempt + 1);
            if (best == null || written.coverage() > best.coverage()) {
                best = new Backstory(written.text(), written.coverage(), attempt + 1);
            }
            if (written.coverage() >= minCoverage) {
                return new Backstory(written.text(), written.coverage(), attempt + 1);
            }
        }
        return new Backstory(best.text(), best.coverage(), maxAttempts);
    }
}

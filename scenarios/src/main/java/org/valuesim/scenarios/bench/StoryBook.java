package org.valuesim.scenarios.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;

/**
 * The benchmark's stories: one per person and history (so per fold and history share), written when a person's
 * history changes and kept while it does not, so every item of a fold and share reads the same story and it is
 * written once. A person's predictions run in order on one thread, so only each person's latest story is kept.
 * LLM writers go through the cached gateway: a re-run reads their stories back from the cache.
 */
public final class StoryBook implements Function<Persona, String> {

    private final Function<Persona, String> writer;
    private final Map<Integer, Written> latest = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();

    private record Written(List<String> profile, String story) {
    }

    /** @param writer writes a persona's story from its profile */
    public StoryBook(Function<Persona, String> writer) {
        this.writer = writer;
    }

    @Override
    public String apply(Persona persona) {
        List<String> profile = persona.profile().stream().map(ProfileStatement::text).toList();
        Written last = latest.get(persona.id());
        if (last != null && last.profile().equals(profile)) {
            return last.story();
        }
        String story = writer.apply(persona);
        if (!profile.isEmpty()) {
            written.incrementAndGet();
        }
        latest.put(persona.id(), new Written(profile, story));
        return story;
    }

    /** Stories written (one per person and distinct history; an empty history's empty story is not written). */
    public long written() {
        return written.get();
    }
}

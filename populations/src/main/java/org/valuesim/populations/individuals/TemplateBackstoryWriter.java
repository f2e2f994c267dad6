package org.valuesim.populations.individuals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;

/**
 * The deterministic backstory: the profile's statements grouped by aspect (demographics, beliefs,
 * politics, daily life, then anything else), each group opened by a sentence from
 * backstory/statements.properties. Every statement appears word for word, so coverage is complete.
 */
public final class TemplateBackstoryWriter implements BackstoryWriter {

    static final List<String> ASPECTS = List.of("demographics", "beliefs", "attitudes", "politics", "daily life");

    private final Templates templates = Templates.load();

    @Override
    public String id() {
        return "template";
    }

    @Override
    public Backstory write(Persona persona) {
        String story = story(persona);
        return new Backstory(story, BackstoryCoverage.of(persona.profile(), story), 1);
    }

    /** The story alone, without measuring its coverage (which is complete by construction). */
    public String story(Persona persona) {
        Map<String, List<String>> byAspect = new LinkedHashMap<>();
        for (String aspect : ASPECTS) {
            byAspect.put(aspect, new ArrayList<>());
        }
        for (ProfileStatement s : persona.profile()) {
            byAspect.computeIfAbsent(ASPECTS.contains(s.aspect()) ? s.aspect() : "other", a -> new ArrayList<>())
                    .add(s.text());
        }
        StringBuilder story = new StringBuilder();
        byAspect.forEach((aspect, sentences) -> {
            if (!sentences.isEmpty()) {
                if (story.length() > 0) {
                    story.append("\n\n");
                }
                story.append(templates.format("story." + aspect));
                sentences.forEach(s -> story.append(' ').append(s));
            }
        });
        return story.toString();
    }
}

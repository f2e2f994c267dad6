package org.valuesim.populations.individuals;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.valuesim.core.persona.ProfileStatement;

/**
 * The share of profile statements whose content a backstory keeps. A statement counts as kept when the
 * story holds its answer and at least {@link #CONTENT_SHARE} of the content words of its subject (four
 * letters or more, the answer's own words aside), ignoring case: a lexical check that a paraphrase keeping the
 * data point passes and a story that drops it fails.
 */
public final class BackstoryCoverage {

    public static final double CONTENT_SHARE = 0.6;

    private BackstoryCoverage() {
    }

    public static double of(List<ProfileStatement> profile, String story) {
        if (profile.isEmpty()) {
            return 1;
        }
        return profile.stream().filter(s -> kept(s, story)).count() / (double) profile.size();
    }

    public static boolean kept(ProfileStatement statement, String story) {
        String text = story.toLowerCase(Locale.ROOT);
        if (!text.contains(statement.answer().toLowerCase(Locale.ROOT))) {
            return false;
        }
        Set<String> storyWords = words(text);
        Set<String> content = words(statement.subject().toLowerCase(Locale.ROOT));
        content.removeAll(words(statement.answer().toLowerCase(Locale.ROOT)));
        if (content.isEmpty()) {
            return true;
        }
        long present = content.stream().filter(storyWords::contains).count();
        return present >= CONTENT_SHARE * content.size();
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 4) {
                out.add(w);
            }
        }
        return out;
    }
}

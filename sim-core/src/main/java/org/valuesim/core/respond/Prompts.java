package org.valuesim.core.respond;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;

/**
 * The prompt texts of the model-backed respondents, from resource files under prompts/ (a scenario can
 * replace any of them with its own file). The persona part is the system message and comes first; the
 * item is the last message, so all of one persona's prompts share their prefix.
 */
public final class Prompts {

    /** Every prompt a scenario can replace, by name (files prompts/NAME.txt). */
    public static final List<String> NAMES = List.of("system-naive", "system-value-prompt", "system-value-profile",
            "system-full-profile", "item", "format-number", "format-analysis", "format-allocation",
            "format-allocation-analysis", "options-numeric", "options-allocation", "repair", "repair-allocation",
            "caps-cognitive", "caps-affective", "caps-behavioral", "caps-coordinator", "caps-analyses",
            "game-dictator", "game-donation", "game-public-goods", "game-prisoners-dilemma", "game-first-round",
            "game-history", "game-history-rounds", "game-history-round", "paper-caps-cognitive",
            "paper-caps-affective", "paper-caps-behavioral", "paper-caps-coordinator", "paper-question", "paper-document",
            "paper-retrieved", "paper-naive", "paper-full-profile", "paper-rag", "paper-story", "paper-story-evaluate",
            "paper-story-modify", "paper-value-prompt", "items", "format-items");

    /**
     * The paper protocol's prompts and the fields each may use. They are filled like Python's {@code str.format}
     * ({@link PythonFormat}), with the field names of the ValueSim authors' code, so that their prompt files drop
     * in unchanged (paper-caps-* take their Q_prompts/prompt_*.txt, paper-story their storymodule.txt).
     */
    public static final Map<String, Set<String>> PAPER_FIELDS = paperFields();

    /** The fields a paper-* replacement must use: without them the prompt would lose the question or the person. */
    public static final Map<String, Set<String>> PAPER_REQUIRED = Map.of(
            "paper-caps-cognitive", Set.of("profile_text", "question_text_with_options"),
            "paper-caps-affective", Set.of("profile_text", "question_text_with_options"),
            "paper-caps-behavioral", Set.of("profile_text", "question_text_with_options"),
            "paper-naive", Set.of("question_text_with_options"),
            "paper-full-profile", Set.of("question_text_with_options", "original_profile_text"),
            "paper-rag", Set.of("question_text_with_options", "profile_text"),
            "paper-story", Set.of("profile_text"),
            "paper-story-evaluate", Set.of("story", "questions"),
            "paper-story-modify", Set.of("profile_text", "current_story"),
            "paper-value-prompt", Set.of("value"));

    /** Runs of three or more line breaks, which an empty placeholder leaves in the item message. */
    private static final java.util.regex.Pattern BLANK_LINES = java.util.regex.Pattern.compile("\n{3,}");

    /** Item messages kept at most: more than a study's instruments, items and genders need. */
    private static final int ITEM_MESSAGES_KEPT = 4096;

    /** The templates by name. */
    private final Map<String, String> templates;
    private final Properties definitions;
    private final Protocol protocol;
    /**
     * Item messages already made: every persona of a run is asked the same items, and making a message (a
     * dozen replacements) cost more of the caller's CPU than the rest of a model call's preparation.
     */
    private final Map<ItemMessage, String> itemMessages = new java.util.concurrent.ConcurrentHashMap<>();
    /** The last persona's system message: all of a persona's items are asked one after another. */
    private volatile PersonaMessage lastSystem;

    /**
     * What an item message is made of. Instruments and items are compared by identity: they are the run's own
     * objects, and hashing them by value (every item's text) would cost more than making the message.
     */
    private record ItemMessage(Instrument instrument, Item item, String gender, boolean analysis) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ItemMessage m && m.instrument == instrument && m.item == item
                    && java.util.Objects.equals(m.gender, gender) && m.analysis == analysis;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(instrument) + System.identityHashCode(item))
                    + java.util.Objects.hashCode(gender) * 2 + (analysis ? 1 : 0);
        }
    }

    /** A persona's system message, kept for the persona's next items. */
    private record PersonaMessage(Persona persona, boolean primed, String text) {
    }

    private Prompts(Map<String, String> templates, Properties definitions, Protocol protocol) {
        this.templates = templates;
        this.definitions = definitions;
        this.protocol = protocol;
    }

    private static Map<String, Set<String>> paperFields() {
        Map<String, Set<String>> f = new java.util.LinkedHashMap<>();
        Set<String> module = Set.of("profile_text", "question_text_with_options");
        f.put("paper-caps-cognitive", module);
        f.put("paper-caps-affective", module);
        f.put("paper-caps-behavioral", module);
        f.put("paper-caps-coordinator", Set.of("question_text", "options_text", "cognitive_answer", "cognitive_analysis",
                "affective_answer", "affective_analysis", "behavioral_answer", "behavioral_analysis"));
        f.put("paper-question", Set.of("question_text", "options_text"));
        f.put("paper-document", Set.of("question_text", "option_labels", "code"));
        f.put("paper-retrieved", Set.of("document", "similarity"));
        f.put("paper-naive", Set.of("question_text_with_options"));
        f.put("paper-full-profile", Set.of("question_text_with_options", "original_profile_text"));
        f.put("paper-rag", Set.of("question_text_with_options", "profile_text"));
        f.put("paper-story", Set.of("profile_text"));
        f.put("paper-story-evaluate", Set.of("story", "questions"));
        f.put("paper-story-modify", Set.of("profile_text", "current_story"));
        f.put("paper-value-prompt", Set.of("value", "definition"));
        return java.util.Collections.unmodifiableMap(f);
    }

    /**
     * Why a replacement text cannot serve as the named prompt (a field the paper protocol does not fill, or one it
     * needs left out), or null when it can. Only the paper-* prompts are checked: the others are filled by plain
     * replacement.
     */
    public static String check(String name, String text) {
        Set<String> allowed = PAPER_FIELDS.get(name);
        if (allowed == null) {
            return null;
        }
        Set<String> used = PythonFormat.fields(text);
        Set<String> unknown = new java.util.LinkedHashSet<>(used);
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            return "uses " + PythonFormat.describe(unknown) + ", which " + name + " does not fill; it may use "
                    + PythonFormat.describe(new java.util.TreeSet<>(allowed));
        }
        Set<String> missing = new java.util.TreeSet<>(PAPER_REQUIRED.getOrDefault(name, Set.of()));
        missing.removeAll(used);
        return missing.isEmpty() ? null : "does not use " + PythonFormat.describe(missing) + ", which " + name
                + " needs";
    }

    /** The built-in prompts with the named ones replaced by the given files. */
    public static Prompts load(Map<String, Path> overrides) throws IOException {
        return load(overrides, Protocol.VALUESIM);
    }

    /**
     * The built-in prompts with the named ones replaced by the given files, for a protocol (under the paper
     * protocol the value prompt is paper-value-prompt).
     *
     * @throws IllegalArgumentException when a paper-* replacement uses a field its prompt does not fill
     */
    public static Prompts load(Map<String, Path> overrides, Protocol protocol) throws IOException {
        Map<String, String> templates = new java.util.HashMap<>();
        for (String name : NAMES) {
            Path override = overrides.get(name);
            String text = override != null ? Files.readString(override).strip() : resource("prompts/" + name + ".txt");
            String wrong = check(name, text);
            if (wrong != null) {
                throw new IllegalArgumentException(override + " " + wrong);
            }
            templates.put(name, text);
        }
        Properties definitions = new Properties();
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream("values/definitions.properties")) {
            definitions.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new Prompts(Map.copyOf(templates), definitions, protocol);
    }

    public static Prompts builtIn() {
        return builtIn(Protocol.VALUESIM);
    }

    public static Prompts builtIn(Protocol protocol) {
        try {
            return load(Map.of(), protocol);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Protocol protocol() {
        return protocol;
    }

    /** A paper-* prompt filled with its fields ({@link #PAPER_FIELDS}). */
    public String paper(String name, Map<String, String> fields) {
        if (!PAPER_FIELDS.containsKey(name)) {
            throw new IllegalArgumentException("not a paper prompt: " + name);
        }
        return PythonFormat.format(templates.get(name), fields);
    }

    /**
     * The persona part: value-prompted personas are told their dominant value and its definition;
     * personas with a full latent profile get their values ranked; everyone else answers unprimed.
     *
     * @param primed false for the naive respondent, which never shows a persona
     */
    public String system(Persona persona, boolean primed) {
        PersonaMessage last = lastSystem;
        if (last != null && last.persona() == persona && last.primed() == primed) {
            return last.text();
        }
        String text = systemFor(persona, primed);
        lastSystem = new PersonaMessage(persona, primed, text);
        return text;
    }

    private String systemFor(Persona persona, boolean primed) {
        if (primed && persona.dominant() != null && persona.latent() == null) {
            SchwartzValue v = persona.dominant();
            if (protocol == Protocol.PAPER) {
                return paper("paper-value-prompt", Map.of("value", v.label(), "definition", definitions.getProperty(v.id())));
            }
            return templates.get("system-value-prompt").replace("{value}", v.label())
                    .replace("{definition}", definitions.getProperty(v.id()));
        }
        if (primed && persona.latent() != null) {
            List<SchwartzValue> ranked = new ArrayList<>(SchwartzValue.inCircularOrder());
            ranked.sort(Comparator.comparingDouble((SchwartzValue v) -> -persona.latent().get(v)));
            List<String> names = ranked.stream().map(SchwartzValue::label).toList();
            return templates.get("system-value-profile").replace("{ranked}", String.join(", ", names));
        }
        return templates.get("system-naive");
    }

    /** A value's definition (values/definitions.properties), as value prompts give it. */
    public String definition(SchwartzValue value) {
        return definitions.getProperty(value.id());
    }

    /** Profile statements of an imported individual (all of them, or those retrieved), one a line. */
    public String fullProfile(Persona persona, List<org.valuesim.core.persona.ProfileStatement> statements) {
        StringBuilder profile = new StringBuilder();
        statements.forEach(s -> profile.append("- ").append(s.text()).append('\n'));
        return templates.get("system-full-profile").replace("{profile}", profile.toString().strip());
    }

    /** A CAPS module's or the coordinator's system message: its perspective and the backstory. */
    public String caps(String module, Persona persona) {
        return templates.get("caps-" + module).replace("{backstory}", persona.backstory() == null ? "" : persona.backstory());
    }

    /** The three modules' analyses as the coordinator reads them. */
    public String capsAnalyses(java.util.Map<String, String> values) {
        String text = templates.get("caps-analyses");
        for (var e : values.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue());
        }
        return text;
    }

    /** The item message asking for the answer only. */
    public String item(Instrument instrument, Item item, Persona persona) {
        return item(instrument, item, persona, false);
    }

    /**
     * The item message: instructions, the item, the question, the options and the answer format.
     *
     * @param analysis whether the answer comes after a line of analysis (the CAPS modules)
     */
    public String item(Instrument instrument, Item item, Persona persona, boolean analysis) {
        ItemMessage key = new ItemMessage(instrument, item, persona.demographics().get("gender"), analysis);
        String message = itemMessages.get(key);
        if (message == null) {
            if (itemMessages.size() >= ITEM_MESSAGES_KEPT) {
                // a caller that makes new instruments or items as it goes: keep the memory bounded
                itemMessages.clear();
            }
            message = itemMessage(instrument, item, key.gender(), analysis);
            itemMessages.put(key, message);
        }
        return message;
    }

    private String itemMessage(Instrument instrument, Item item, String gender, boolean analysis) {
        ResponseScale scale = instrument.response(item);
        String options = options(scale);
        String format = scale.isAllocation() ? (analysis ? "format-allocation-analysis" : "format-allocation")
                : analysis ? "format-analysis" : "format-number";
        String text = templates.get("item").replace("{instructions}", instrument.instructions())
                .replace("{item}", PortraitText.render(item.text(), gender))
                .replace("{question}", instrument.question())
                .replace("{options}", options)
                .replace("{format}", fill(templates.get(format), scale));
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    /**
     * Several items of one instrument in one message (items-per-call): the instructions, the items numbered from 1,
     * the question and options once, and a format asking for one "number: answer" line per item.
     */
    public String items(Instrument instrument, List<Item> items, Persona persona) {
        ResponseScale scale = instrument.response(items.get(0));
        StringBuilder numbered = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            numbered.append(i + 1).append(". ")
                    .append(PortraitText.render(items.get(i).text(), persona.demographics().get("gender"))).append('\n');
        }
        String text = templates.get("items").replace("{instructions}", instrument.instructions())
                .replace("{items}", numbered.toString().strip())
                .replace("{question}", instrument.question())
                .replace("{options}", options(scale))
                .replace("{format}", fill(templates.get("format-items"), scale));
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    /** A response's options as the model reads them: one "value = label" line each, or the numeric range. */
    private String options(ResponseScale scale) {
        StringBuilder options = new StringBuilder();
        if (ResponseScale.NUMERIC.equals(scale.kind())) {
            options.append(fill(templates.get("options-numeric"), scale));
        } else {
            for (ResponseOption o : scale.options()) {
                options.append(o.value()).append(" = ").append(o.label()).append('\n');
            }
            if (scale.isAllocation()) {
                options.append(fill(templates.get("options-allocation"), scale));
            }
        }
        return options.toString().strip();
    }

    /** The line telling the range of a numeric item's answer. */
    String numericRange(ResponseScale scale) {
        return fill(templates.get("options-numeric"), scale);
    }

    /** The follow-up asking again for an answer in the right form. */
    public String repair(Instrument instrument, Item item) {
        ResponseScale scale = instrument.response(item);
        return fill(templates.get(scale.isAllocation() ? "repair-allocation" : "repair"), scale);
    }

    /**
     * A dilemma's decision as the agent sees it: the game's rules, then the round and the rounds it remembers,
     * oldest first: the first round's note when there are none, one round's own move, payoff and neighbours' moves
     * as game-history, more as one game-history-round line each under game-history-rounds.
     *
     * @param game       the dilemma kind (dictator, donation, public-goods, prisoners-dilemma)
     * @param parameters the game's numbers by placeholder name (endowment, multiplier, ...)
     * @param past       per remembered round, placeholders played (its number), own, payoff and neighbours
     */
    public String game(String game, Map<String, String> parameters, int round, int rounds,
                       List<Map<String, String>> past) {
        String text = fill(templates.get("game-" + game), parameters);
        String seen;
        if (past.isEmpty()) {
            seen = templates.get("game-first-round");
        } else if (past.size() == 1) {
            seen = fill(templates.get("game-history"), past.get(0));
        } else {
            StringBuilder lines = new StringBuilder();
            for (Map<String, String> p : past) {
                lines.append(lines.length() == 0 ? "" : "\n").append(fill(templates.get("game-history-round"), p));
            }
            seen = templates.get("game-history-rounds").replace("{count}", Integer.toString(past.size()))
                    .replace("{history}", lines);
        }
        return text + "\n\n" + seen.replace("{round}", Integer.toString(round))
                .replace("{rounds}", Integer.toString(rounds));
    }

    private static String fill(String template, Map<String, String> placeholders) {
        for (var p : placeholders.entrySet()) {
            template = template.replace("{" + p.getKey() + "}", p.getValue());
        }
        return template;
    }

    private static String fill(String template, ResponseScale scale) {
        return template.replace("{min}", Integer.toString(scale.lowest()))
                .replace("{max}", Integer.toString(scale.highest()))
                .replace("{endowment}", scale.endowment() == null ? "" : Integer.toString(scale.endowment()));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}

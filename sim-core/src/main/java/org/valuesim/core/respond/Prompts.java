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
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;

/**
 * The prompt texts of the model-backed respondents, from resource files under prompts/ (a scenario can
 * replace any of them with its own file). The persona part is the system message and comes first; the
 * item is the last message, so all of one persona's prompts share their prefix.
 */
public final class Prompts {

    /** The templates by name: system-naive, system-value-prompt, system-value-profile, item, repair. */
    private final Map<String, String> templates;
    private final Properties definitions;

    private Prompts(Map<String, String> templates, Properties definitions) {
        this.templates = templates;
        this.definitions = definitions;
    }

    /** The built-in prompts with the named ones replaced by the given files. */
    public static Prompts load(Map<String, Path> overrides) throws IOException {
        Map<String, String> templates = new java.util.HashMap<>();
        for (String name : List.of("system-naive", "system-value-prompt", "system-value-profile", "item", "repair")) {
            Path override = overrides.get(name);
            templates.put(name, override != null ? Files.readString(override).strip() : resource("prompts/" + name + ".txt"));
        }
        Properties definitions = new Properties();
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream("values/definitions.properties")) {
            definitions.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new Prompts(Map.copyOf(templates), definitions);
    }

    public static Prompts builtIn() {
        try {
            return load(Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The persona part: value-prompted personas are told their dominant value and its definition;
     * personas with a full latent profile get their values ranked; everyone else answers unprimed.
     *
     * @param primed false for the naive respondent, which never shows a persona
     */
    public String system(Persona persona, boolean primed) {
        if (primed && persona.dominant() != null && persona.latent() == null) {
            SchwartzValue v = persona.dominant();
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

    /** The item message: instructions, the item, the question and the numbered options. */
    public String item(Instrument instrument, Item item, Persona persona) {
        StringBuilder options = new StringBuilder();
        for (ResponseOption o : instrument.response().options()) {
            options.append(o.value()).append(" = ").append(o.label()).append('\n');
        }
        return templates.get("item").replace("{instructions}", instrument.instructions())
                .replace("{item}", PortraitText.render(item.text(), persona.demographics().get("gender")))
                .replace("{question}", instrument.question())
                .replace("{options}", options.toString().strip());
    }

    public String repair(Instrument instrument) {
        List<ResponseOption> options = instrument.response().options();
        return templates.get("repair").replace("{min}", Integer.toString(options.get(0).value()))
                .replace("{max}", Integer.toString(options.get(options.size() - 1).value()));
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

package org.valuesim.populations.preset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The built-in presets (resources under presets/, listed in presets/builtin.txt), and the canonical JSON form
 * presets are written in (preset files users give by path are read strictly by the scenarios module). This is
 * the populations module's entry point for value distributions.
 */
public final class PresetCatalog {

    private static final String FOLDER = "presets/";

    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Names of the built-in presets, in catalog order. */
    public List<String> builtInNames() {
        try (InputStream in = resource(FOLDER + "builtin.txt")) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A built-in preset by name, or empty. */
    public Optional<Preset> builtIn(String name) {
        if (!builtInNames().contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = resource(FOLDER + name + ".json")) {
            return Optional.of(json.readValue(in, Preset.class));
        } catch (IOException e) {
            throw new UncheckedIOException("built-in preset " + name + " is unreadable", e);
        }
    }

    /** The preset as its canonical JSON text (what {@code preset build} writes). */
    public String toJson(Preset preset) {
        try {
            return json.writeValueAsString(preset) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Preset preset, Path file) throws IOException {
        Files.writeString(file, toJson(preset), StandardCharsets.UTF_8);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = PresetCatalog.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}

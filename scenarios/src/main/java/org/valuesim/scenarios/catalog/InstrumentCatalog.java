package org.valuesim.scenarios.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.scenarios.scenario.Document;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.StrictReader;

/** Built-in instruments (resources under instruments/, listed in instruments/builtin.txt) and instrument files. */
public final class InstrumentCatalog {

    public List<String> builtInIds() {
        try (InputStream in = resource("instruments/builtin.txt")) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Instrument> builtIn(String id) {
        if (!builtInIds().contains(id)) {
            return Optional.empty();
        }
        String name = "instruments/" + id + ".yaml";
        try (InputStream in = resource(name)) {
            Document document = StrictReader.yaml().parse(Path.of(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Optional.of(StrictReader.yaml().bind(document.root(), Instrument.class, document.sources()));
        } catch (IOException | InputException e) {
            throw new IllegalStateException("built-in instrument " + id + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Reads an instrument file strictly; a malformed file is an input error naming its line and column. */
    public Instrument read(Path file) throws InputException {
        return StrictReader.yaml().read(file, Instrument.class);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = InstrumentCatalog.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}

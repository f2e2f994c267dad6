package org.valuesim.populations.individuals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The sentence templates of profiles and template backstories (resource backstory/statements.properties). */
final class Templates {

    private final Properties properties;

    private Templates(Properties properties) {
        this.properties = properties;
    }

    static Templates load() {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream("backstory/statements.properties")) {
            if (in == null) {
                throw new IOException("missing resource backstory/statements.properties");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new Templates(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String format(String key, Object... arguments) {
        String pattern = properties.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("no template '" + key + "'");
        }
        return new MessageFormat(pattern, Locale.ROOT).format(arguments);
    }
}

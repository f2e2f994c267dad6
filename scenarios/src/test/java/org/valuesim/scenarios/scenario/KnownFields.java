package org.valuesim.scenarios.scenario;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The field names a record is read with, as an unknown-field error lists them ("a, b, c"): tests state the
 * format of that line exactly without breaking when a record gains a field.
 */
public final class KnownFields {

    private KnownFields() {
    }

    public static String of(Class<?> record) {
        TreeSet<String> names = new TreeSet<>();
        Arrays.stream(record.getRecordComponents())
                .forEach(c -> names.add(c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)));
        return String.join(", ", names);
    }
}

package org.valuesim.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import org.valuesim.core.persona.Persona;

/** Personas as JSON for the wire: the records rebuilt exactly (doubles round-trip bit for bit). */
public final class PersonaCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Persona>> LIST = new TypeReference<>() {
    };

    private PersonaCodec() {
    }

    public static String write(List<Persona> personas) {
        try {
            return JSON.writeValueAsString(personas);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Persona> read(String json) {
        try {
            return JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.valuesim.core.respond;

import java.util.List;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.persona.Persona;

/** What a CAPS protocol decides: the calls' messages, how replies are read, when the modules agree. */
interface CapsShape {

    /** One perspective module's call on the item. */
    ModelRequest module(String module, Persona persona, Instrument instrument, Item item);

    /** A module's reply: the option it names (null when unreadable) and its analysis. */
    Answer.ModuleAnswer read(String module, String text, ResponseScale scale);

    /** Whether the modules' answers (null where unreadable) settle the item without integration. */
    Agreement agree(List<Integer> answers);

    /** The coordinator's call, given what the modules said. */
    ModelRequest coordinator(Persona persona, Instrument instrument, Item item, List<Answer.ModuleAnswer> modules);

    /** The option the coordinator names, or null when unreadable. */
    Integer readCoordinator(String text, ResponseScale scale);

    /** The average integration over the readable answers (at least one). */
    int average(List<Integer> readable, ResponseScale scale);

    /**
     * @param answer the agreed option; null with {@code settled} when no module's answer could be read
     */
    record Agreement(boolean settled, Integer answer) {

        static Agreement of(int answer) {
            return new Agreement(true, answer);
        }

        static Agreement noAnswer() {
            return new Agreement(true, null);
        }

        static Agreement disputed() {
            return new Agreement(false, null);
        }
    }
}

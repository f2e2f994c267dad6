package org.valuesim.scenarios.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The valuesim version, from the build. */
public final class Version {

    private Version() {
    }

    public static String valuesim() {
        try (InputStream in = Version.class.getResourceAsStream("/org/valuesim/scenarios/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static String mason() {
        return Double.toString(sim.engine.SimState.version());
    }
}

package org.valuesim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.valuesim.core.sim.ValueSimulation;

/**
 * The code style's "no package cycles" for sim-core, read from its compiled classes by the JDK's own jdeps (no
 * parser of ours, no new dependency): each package's dependencies on the others, and none may lead back to it.
 */
class PackageCyclesTest {

    /** A line of {@code jdeps -verbose:class}: "   a.b.C   -> d.e.F   classes". */
    private static final Pattern LINK = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+\\s*$");

    @Test
    void simCorePackagesDependOnEachOtherWithoutCycles() throws Exception {
        Path classes = Path.of(ValueSimulation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Map<String, String>> uses = packageLinks(classes);
        // the parse saw the real graph: a link sim-core is built on, so an empty reading cannot pass
        assertTrue(uses.getOrDefault("org.valuesim.core.sim", Map.of()).containsKey("org.valuesim.core.dilemma"),
                "jdeps' output was not read: " + uses);
        List<String> cycles = new ArrayList<>();
        Set<String> inCycles = new HashSet<>();
        for (String from : uses.keySet()) {
            List<String> way = wayBack(from, uses);
            if (!way.isEmpty() && inCycles.add(from)) {
                inCycles.addAll(way);
                List<String> links = new ArrayList<>();
                for (int i = 0; i < way.size(); i++) {
                    links.add(uses.get(way.get(i)).get(way.get((i + 1) % way.size())));
                }
                cycles.add(String.join("; ", links));
            }
        }
        assertEquals(List.of(), cycles, "package cycles, each link with a class that makes it");
    }

    /** Package to package it uses to one class-level link that makes it ("a.B -> c.D"), other packages of ours only. */
    private static Map<String, Map<String, String>> packageLinks(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(
                () -> new AssertionError("this JDK has no jdeps (module jdk.jdeps)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:package",
                "-e", "org\\.valuesim\\.core\\..*", classes.toString());
        assertEquals(0, status, "jdeps failed: " + err);
        Map<String, Map<String, String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = LINK.matcher(line);
            if (m.matches()) {
                String from = packageOf(m.group(1));
                String to = packageOf(m.group(2));
                if (!from.equals(to)) {
                    uses.computeIfAbsent(from, p -> new TreeMap<>()).putIfAbsent(to, m.group(1) + " -> " + m.group(2));
                }
            }
        }
        return uses;
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** The packages on the shortest way from a package back to itself, that one first; empty when there is none. */
    private static List<String> wayBack(String start, Map<String, Map<String, String>> uses) {
        Map<String, String> cameFrom = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String p = queue.poll();
            for (String next : uses.getOrDefault(p, Map.of()).keySet()) {
                if (next.equals(start)) {
                    List<String> way = new ArrayList<>();
                    for (String q = p; !q.equals(start); q = cameFrom.get(q)) {
                        way.add(0, q);
                    }
                    way.add(0, start);
                    return way;
                }
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, p);
                    queue.add(next);
                }
            }
        }
        return List.of();
    }
}

package org.valuesim.scenarios;

import static org.junit.jupiter.api.Assertions.assertAll;
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
import org.junit.jupiter.api.function.Executable;
import org.valuesim.core.sim.ValueSimulation;
import org.valuesim.populations.individuals.IndividualsImporter;
import org.valuesim.results.ResultsFolder;
import org.valuesim.scenarios.cli.ValuesimCommand;

/**
 * The code style's "no package cycles" for every module, read from their compiled classes by the JDK's own jdeps
 * (no parser of ours, no new dependency): each package's dependencies on the others, and none may lead back to it.
 * The scenarios module sees every module's classes, so one graph holds them all (a cycle through two modules'
 * packages of one name would show too).
 */
class PackageCyclesTest {

    /** A line of {@code jdeps -verbose:class}: "   a.b.C   -> d.e.F   classes". */
    private static final Pattern LINK = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+\\s*$");

    /** A module: a class that locates its classes, and a link it is built on, so an unread module cannot pass. */
    private record Module(String name, Class<?> located, String from, String to) {
    }

    private static final List<Module> MODULES = List.of(
            new Module("sim-core", ValueSimulation.class, "org.valuesim.core.sim", "org.valuesim.core.dilemma"),
            new Module("populations", IndividualsImporter.class, "org.valuesim.populations.individuals",
                    "org.valuesim.populations.survey"),
            new Module("results", ResultsFolder.class, "org.valuesim.results", "org.valuesim.results.record"),
            new Module("scenarios", ValuesimCommand.class, "org.valuesim.scenarios.cli", "org.valuesim.scenarios.run"));

    @Test
    void everyModulesPackagesDependOnEachOtherWithoutCycles() throws Exception {
        List<String> locations = new ArrayList<>();
        for (Module module : MODULES) {
            locations.add(Path.of(module.located().getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString());
        }
        Map<String, Map<String, String>> uses = packageLinks(locations);
        // the parse saw each module's real graph: a link it is built on, so an empty reading cannot pass
        assertAll(MODULES.stream().map(module -> (Executable) () -> assertTrue(
                uses.getOrDefault(module.from(), Map.of()).containsKey(module.to()),
                "jdeps' output of " + module.name() + " was not read: no " + module.from() + " -> " + module.to())));
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
    private static Map<String, Map<String, String>> packageLinks(List<String> locations) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(
                () -> new AssertionError("this JDK has no jdeps (module jdk.jdeps)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of("-verbose:class", "-filter:package", "-e",
                "org\\.valuesim\\..*"));
        arguments.addAll(locations);
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
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

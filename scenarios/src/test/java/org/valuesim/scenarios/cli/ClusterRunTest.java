package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.scenarios.cluster.GridConfig;
import org.valuesim.scenarios.cluster.Worker;

/**
 * Runs on a cluster of members inside this JVM (TCP-IP on 127.0.0.1, a cluster name of its own, multicast and
 * auto-detection off) give the one-machine results byte for byte, with one, two and three members (each added while
 * the cluster is up: a member that joins late takes work).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRunTest {

    @TempDir
    static Path dir;
    final String name = "valuesim-test-" + UUID.randomUUID();
    final List<HazelcastInstance> members = new ArrayList<>();
    String first;

    @BeforeAll
    void firstMember() {
        addMember();
    }

    @AfterAll
    void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    void addMember() {
        HazelcastInstance member = Worker.start(GridConfig.member(name, null, first == null ? List.of() : List.of(first),
                "127.0.0.1", null, 100_000, 4), dir.resolve("member-" + members.size() + ".db"));
        members.add(member);
        if (first == null) {
            var address = member.getCluster().getLocalMember().getAddress();
            first = address.getHost() + ":" + address.getPort();
        }
    }

    /** The statistics' resampling costs seconds per run and is the same code on both sides: the least allowed. */
    static final String[] LEAN = {"--set", "statistics.bootstrap=0", "--set", "statistics.permutations=99"};

    static final List<String> COMPARED = List.of("responses.csv", "actions.csv", "agents.csv", "summary.json");

    Path run(String out, String example, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "examples/" + example, "--out", dir.resolve(out).toString(),
                "--quiet"));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.err());
        return dir.resolve(out);
    }

    void assertSame(Path expected, Path actual) throws Exception {
        int compared = 0;
        for (String file : COMPARED) {
            if (Files.exists(expected.resolve(file))) {
                assertEquals(-1L, Files.mismatch(expected.resolve(file), actual.resolve(file)), actual + ": " + file);
                compared++;
            } else {
                assertTrue(Files.notExists(actual.resolve(file)), file);
            }
        }
        assertTrue(compared >= 3, "responses, agents and summary are compared");
    }

    @Test
    void surveysAndDilemmasAreByteIdenticalToOneMachineOnOneTwoAndThreeMembers() throws Exception {
        String[] quickstart = {"quickstart.yaml", "--set", "population.size=240"};
        String[] publicGoods = {"public-goods-psychometric.yaml", "--set", "population.size=90"};
        Path quickHere = run("quick-here", quickstart[0], quickstart[1], quickstart[2], LEAN[0], LEAN[1], LEAN[2], LEAN[3]);
        Path goodsHere = run("goods-here", publicGoods[0], publicGoods[1], publicGoods[2], LEAN[0], LEAN[1], LEAN[2], LEAN[3]);
        assertTrue(Files.exists(goodsHere.resolve("actions.csv")));
        for (int size = 1; size <= 3; size++) {
            if (members.size() < size) {
                addMember();
            }
            assertSame(quickHere, run("quick-" + size, quickstart[0], quickstart[1], quickstart[2], LEAN[0], LEAN[1],
                    LEAN[2], LEAN[3], "--cluster", name, "--join", first));
            // odd block sizes: the last block of each round is short
            assertSame(goodsHere, run("goods-" + size, publicGoods[0], publicGoods[1], publicGoods[2], LEAN[0], LEAN[1],
                    LEAN[2], LEAN[3], "--cluster", name, "--join", first, "--shard-size", Integer.toString(7 * size)));
        }
    }

    @Test
    void textReadingRespondentsAreByteIdenticalToOneMachine() throws Exception {
        for (String example : List.of("value-prompted-semantic.yaml", "valuesim-individuals-semantic.yaml")) {
            List<String> small = new ArrayList<>(List.of(LEAN));
            if (example.startsWith("value-prompted")) {
                small.addAll(List.of("--set", "population.size=12"));
            }
            Path here = run("here-" + example, example, small.toArray(String[]::new));
            List<String> args = new ArrayList<>(small);
            args.addAll(List.of("--cluster", name, "--join", first, "--shard-size", "5"));
            assertSame(here, run("cluster-" + example, example, args.toArray(String[]::new)));
        }
    }

    @Test
    void noMemberReachableIsOneLineAndExitTwo() {
        Cli cli = Cli.run("run", "examples/quickstart.yaml", "--out", dir.resolve("none").toString(), "--quiet",
                "--cluster", "valuesim-nobody-" + UUID.randomUUID(), "--join", "127.0.0.1:1", "--connect-timeout", "1");
        assertEquals(2, cli.exit(), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains("no member of cluster"), cli.err());
        assertTrue(Files.notExists(dir.resolve("none")), "nothing is written");
    }
}

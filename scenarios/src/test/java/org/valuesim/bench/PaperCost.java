package org.valuesim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.cli.ValuesimCommand;
import picocli.CommandLine;

/**
 * What faithfulness costs: model calls and tokens per prediction of {@code bench individuals} under valuesim's
 * protocol and the paper's, on the GSS fixture (20 people, PVQ-21, 5 folds, 5 history shares: 2,100 predictions a
 * respondent), against a loopback stand-in OpenAI-compatible server started here. The stand-in counts prompt tokens
 * with the cl100k_base encoding (3 tokens per message and 3 for the reply, as OpenAI counts chat messages) and
 * replies by rule: stories echo the statements they are given; CAPS modules answer with a 40-word analysis and
 * agree except on every third PVQ item, where the behavioural module differs (so a third of the items need the
 * coordinator under either protocol); single calls answer with the option (with log-probabilities when asked).
 * Every run starts from an empty cache. Run by {@code bash benchmarks/paper.sh cost}.
 */
public final class PaperCost {

    static final String ANALYSIS = String.join(" ", java.util.Collections.nCopies(8,
            "this person weighs the question against what matters to them"));

    private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> items = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tokensIn = new AtomicLong();
    private final AtomicLong tokensOut = new AtomicLong();

    private PaperCost(Instrument pvq) {
        for (Item item : pvq.items()) {
            items.add(PortraitText.render(item.text(), null));
        }
    }

    public static void main(String[] args) throws Exception {
        PaperCost standIn = new PaperCost(new InstrumentCatalog().builtIn("pvq21").orElseThrow());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(16);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", exchange -> {
            byte[] reply = standIn.reply(exchange.getRequestBody().readAllBytes()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        Path dir = Files.createTempDirectory("paper-cost");
        System.out.println("| respondent | protocol | predictions | requests | model calls | calls per prediction "
                + "| stories written | tokens in per prediction | tokens out per prediction |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        try {
            for (String respondent : List.of("backstory-caps", "full-profile", "rag", "naive")) {
                for (String protocol : List.of("valuesim", "paper")) {
                    standIn.run(dir, server.getAddress().getPort(), respondent, protocol);
                }
            }
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private void run(Path dir, int port, String respondent, String protocol) throws Exception {
        String name = respondent + "-" + protocol;
        Path scenario = dir.resolve(name + ".yaml");
        Files.writeString(scenario, """
                name: cost
                population: {size: 1}
                respondent: {kind: naive, model: local}
                models:
                  local: {provider: openai-compatible, base-url: "http://127.0.0.1:%d/v1", model: stand-in, max-in-flight: 32}
                instruments: [pvq21]
                cache: %s
                """.formatted(port, dir.resolve(name + ".db")));
        long r0 = requests.get();
        long i0 = tokensIn.get();
        long o0 = tokensOut.get();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ValuesimCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("bench", "individuals", "--data",
                        "scenarios/examples/data/gss-individuals.csv", "--codebook", "data/us-gss-2012/codebook.yaml",
                        "--respondent", respondent, "--scenario", scenario.toString(), "--protocol", protocol,
                        "--out", dir.resolve(name).toString());
        if (exit != 0) {
            throw new IllegalStateException(name + ": exit " + exit + ": " + err);
        }
        JsonNode summary = json.readTree(dir.resolve(name).resolve("summary.json").toFile());
        JsonNode manifest = json.readTree(dir.resolve(name).resolve("manifest.json").toFile());
        String reported = summary.at("/accuracy/respondent").asText();
        long predictions = 0;
        for (JsonNode share : summary.at("/accuracy/predictors/" + reported + "/by_history")) {
            predictions += share.path("predictions").asLong() + share.path("failed").asLong();
        }
        JsonNode model = manifest.at("/models/local");
        long calls = model.path("model_calls").asLong();
        System.out.printf(Locale.ROOT, "| %s | %s | %,d | %,d | %,d | %.2f | %s | %,.0f | %,.0f |%n", reported, protocol,
                predictions, model.path("requests").asLong(), calls, calls / (double) predictions,
                summary.at("/stories/written").isMissingNode() ? "-" : summary.at("/stories/written").asText(),
                (tokensIn.get() - i0) / (double) predictions, (tokensOut.get() - o0) / (double) predictions);
        if (requests.get() - r0 != calls) {
            throw new IllegalStateException(name + ": the stand-in saw " + (requests.get() - r0) + " calls, the manifest "
                    + calls);
        }
    }

    /** The stand-in's reply to one chat completion request, its tokens counted. */
    private String reply(byte[] body) throws java.io.IOException {
        JsonNode request = json.readTree(body);
        List<String> contents = new ArrayList<>();
        String system = "";
        for (JsonNode m : request.path("messages")) {
            contents.add(m.path("content").asText());
            if (m.path("role").asText().equals("system")) {
                system = m.path("content").asText();
            }
        }
        String last = contents.get(contents.size() - 1);
        String everything = system + "\n" + last;
        String text;
        if (last.startsWith("You write backstories")) {
            text = last.substring(last.indexOf("What is known about this person:") + "What is known about this person:".length())
                    .strip();
        } else if (system.contains("Three analyses of the question")) {
            text = Integer.toString(answer(last));
        } else if (last.startsWith("You coordinate")) {
            text = "Answer: " + answer(last) + "\nAnalysis: the three sides mostly agree.";
        } else if (everything.contains("perspective:")) {
            text = "Analysis: " + ANALYSIS + ".\nAnswer: " + module(everything, last);
        } else if (everything.contains("look at this person from the")) {
            text = "Answer: " + module(everything, last) + "\nAnalysis: " + ANALYSIS + ".";
        } else {
            text = answer(last) + (request.path("logprobs").asBoolean() ? "" : ": Somewhat like me");
        }
        int in = 3;
        for (String c : contents) {
            in += 3 + encoding.countTokens(c);
        }
        int out = encoding.countTokens(text);
        requests.incrementAndGet();
        tokensIn.addAndGet(in);
        tokensOut.addAndGet(out);
        ObjectNode reply = json.createObjectNode();
        reply.put("id", "c").put("object", "chat.completion").put("created", 1).put("model", "stand-in");
        ObjectNode choice = reply.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        if (request.path("logprobs").asBoolean()) {
            ArrayNode top = choice.putObject("logprobs").putArray("content").addObject().put("token", text)
                    .put("logprob", -0.2).putArray("top_logprobs");
            top.addObject().put("token", text).put("logprob", -0.2);
        }
        reply.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
        return json.writeValueAsString(reply);
    }

    /** The PVQ item a prompt asks about: the one named after its last "Question:" (the whole text if none). */
    private int item(String text) {
        int at = text.lastIndexOf("Question:");
        String asked = at >= 0 ? text.substring(at) : text;
        for (int i = 0; i < items.size(); i++) {
            if (asked.contains(items.get(i))) {
                return i;
            }
        }
        return 0;
    }

    private int answer(String text) {
        return 1 + (item(text) * 5) % 6;
    }

    /** Modules agree, except the behavioural one on every third item. */
    private int module(String everything, String last) {
        int a = answer(last);
        boolean behavioural = everything.contains("from a behavioural perspective")
                || everything.contains("from the behavioural side");
        return behavioural && item(last) % 3 == 0 ? a % 6 + 1 : a;
    }
}

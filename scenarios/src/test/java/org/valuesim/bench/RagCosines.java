package org.valuesim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import org.valuesim.core.embed.MiniLmEmbedder;
import org.valuesim.core.embed.TextEmbedder;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;
import org.valuesim.core.respond.PaperQuestions;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Protocol;
import org.valuesim.populations.individuals.IndividualsImporter;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.catalog.SurveyFiles;

/**
 * The MiniLM cosines rag compares with its threshold, on a survey file (default the 20-person GSS fixture): every
 * person, every item as the query, every other answered item as a document; under the paper protocol (question
 * with options against question, option labels and code) and valuesim's (the item against the statement).
 * Run by {@code bash benchmarks/paper.sh cosines [DATA.csv CODEBOOK.yaml]}.
 */
public final class RagCosines {

    private RagCosines() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "scenarios/examples/data/gss-individuals.csv");
        Path codebook = Path.of(args.length > 1 ? args[1] : "data/us-gss-2012/codebook.yaml");
        MiniLmEmbedder.useWorkFolder(Path.of("scenarios", "target", "embed"));
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        var survey = SurveyFiles.read(data, codebook, null);
        Instrument instrument = new InstrumentCatalog().builtIn(survey.codebook().instrument()).orElseThrow();
        List<Persona> people = new IndividualsImporter().personas(survey.table(), instrument, Set.of());
        PaperQuestions paper = new PaperQuestions(Prompts.builtIn(Protocol.PAPER));
        System.out.println(data + ", " + people.size() + " people, MiniLM (all-MiniLM-L6-v2, quantised)");
        report("paper: question with options vs question, labels, code", embedder, people, instrument,
                (p, i) -> paper.questionWithOptions(instrument, i, p), (p, s) -> paper.document(s, instrument, p));
        report("valuesim: item vs statement", embedder, people, instrument,
                (p, i) -> PortraitText.render(i.text(), p.demographics().get("gender")), (p, s) -> s.text());
    }

    private static void report(String name, TextEmbedder embedder, List<Persona> people, Instrument instrument,
                               BiFunction<Persona, Item, String> query, BiFunction<Persona, ProfileStatement, String> doc) {
        List<Double> cosines = new ArrayList<>();
        for (Persona p : people) {
            for (Item item : instrument.items()) {
                float[] q = embedder.embed(query.apply(p, item));
                for (ProfileStatement s : p.profile()) {
                    if (!s.key().equals(item.id())) {
                        cosines.add(TextEmbedder.cosine(q, embedder.embed(doc.apply(p, s))));
                    }
                }
            }
        }
        cosines.sort(null);
        int n = cosines.size();
        System.out.printf(Locale.ROOT, "%s: %d pairs, cosine min %.3f, p10 %.3f, median %.3f, p90 %.3f, max %.3f; "
                        + "%.1f%% reach 0.3%n", name, n, cosines.get(0), cosines.get(n / 10), cosines.get(n / 2),
                cosines.get(n * 9 / 10), cosines.get(n - 1), 100.0 * cosines.stream().filter(c -> c >= 0.3).count() / n);
    }
}

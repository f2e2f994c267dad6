package org.valuesim.results.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished results folder read back into its records: the summary (a run's or a benchmark's) and the manifest
 * (null when the folder has none). What {@code report}, {@code compare} and {@code study} read.
 */
public record ResultsRecord(Summary summary, RunManifest manifest) {

    public static final String SUMMARY = "summary.json";
    public static final String MANIFEST = "manifest.json";

    /** A results file that is not what valuesim writes (not JSON, or not the record's shape). */
    public static final class Unreadable extends IOException {

        private static final long serialVersionUID = 1L;

        Unreadable(Path file, com.fasterxml.jackson.core.JsonProcessingException e) {
            super(file + ": not a valuesim results file: " + e.getOriginalMessage().replace('\n', ' '), e);
        }
    }

    public static ResultsRecord read(Path dir) throws IOException {
        Path summary = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(summary)) {
            throw new IOException(dir + " has no " + SUMMARY + ": not a finished valuesim results folder");
        }
        Path manifest = dir.resolve(MANIFEST);
        Summary s;
        try {
            s = ResultsJson.readSummary(summary);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unreadable(summary, e);
        }
        try {
            return new ResultsRecord(s, Files.isRegularFile(manifest) ? ResultsJson.read(manifest, RunManifest.class)
                    : null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unreadable(manifest, e);
        }
    }
}

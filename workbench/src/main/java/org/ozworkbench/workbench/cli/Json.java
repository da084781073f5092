package org.ozworkbench.workbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The commands' JSON output: reports (records) pretty-printed, one document per command; {@code ozw serve}
 * answers with the same documents.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter COMPACT =
            MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static void print(PrintWriter out, Object report) {
        out.println(write(report));
    }

    /** The report as the JSON document {@code --json} prints, without the indentation (the API's answers). */
    public static String compact(Object report) {
        try {
            return COMPACT.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + report.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The report as the JSON document {@code --json} prints. */
    public static String write(Object report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + report.getClass().getSimpleName() + " as JSON", e);
        }
    }
}

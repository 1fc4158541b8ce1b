package org.dicomflow.node.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The node's log line, "2026-11-28 22:24:18 INFO logger: message", built by concatenation. The launcher's
 * SimpleFormatter pattern gives the same line through java.util.Formatter, which costs more per line than
 * storing a small instance does (measured: about a tenth of the node's CPU at 2000 instances).
 */
final class LogLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128);
        line.append(TIME.format(LocalDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault()))).append(' ')
                .append(record.getLevel().getLocalizedName()).append(' ').append(record.getLoggerName()).append(": ")
                .append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            trace.append(System.lineSeparator());
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace.toString().stripTrailing());
        }
        return line.append(System.lineSeparator()).toString();
    }
}

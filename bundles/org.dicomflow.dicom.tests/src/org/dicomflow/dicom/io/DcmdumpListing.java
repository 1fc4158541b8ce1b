package org.dicomflow.dicom.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs dcmtk's dcmdump (the independent reference) on a file and parses its listing into {@link ElementRow}s
 * keyed by path, e.g. "300A0010/1/300A0012" for an element of the first item of a sequence.
 */
final class DcmdumpListing {

    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-fA-F]{4}),([0-9a-fA-F]{4})\\) (\\S\\S) (.*?) *# *(\\d+|u/l), *(\\d+) (.+)$", Pattern.DOTALL);

    private DcmdumpListing() {
    }

    /**
     * The listing of the file as it is, with the text of character-set-sensitive values (SH, LO, ST, LT, PN, UC,
     * UT) taken from dcmdump's UTF-8 conversion where it can make one. Null if dcmdump cannot read the file.
     */
    static Map<String, ElementRow> of(Path dcmdump, Path file) throws IOException, InterruptedException {
        Map<String, ElementRow> raw = run(dcmdump, file, false);
        Map<String, ElementRow> utf8 = run(dcmdump, file, true);
        if (raw == null || utf8 == null) {
            return raw;
        }
        raw.replaceAll((key, row) -> {
            ElementRow converted = utf8.get(key);
            return converted != null && row.values() != null && isCharacterSetSensitive(row.vr())
                    ? new ElementRow(key, row.vr(), converted.values(), row.length(), row.children()) : row;
        });
        raw.put(UTF8_MARK, null);
        return raw;
    }

    /** Present (with a null row) when text values were converted to UTF-8 and so can be compared. */
    static final String UTF8_MARK = "(utf8)";

    static boolean isCharacterSetSensitive(String vr) {
        return switch (vr) {
        case "SH", "LO", "ST", "LT", "PN", "UC", "UT" -> true;
        default -> false;
        };
    }

    /** The listing, or null if dcmdump failed (with {@code utf8}: e.g. a character set it cannot convert). */
    private static Map<String, ElementRow> run(Path dcmdump, Path file, boolean utf8) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(dcmdump.toString(), "-q", "+L", "-Un", "+M"));
        if (utf8) {
            cmd.add("+U8");
        }
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("dcmdump hangs on " + file);
        }
        if (p.exitValue() != 0) {
            return null;
        }
        return parse(new String(out, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    }

    static Map<String, ElementRow> parse(String listing) {
        Map<String, ElementRow> rows = new LinkedHashMap<>();
        // per nesting level: the path prefix of elements at that level, and the sequence being itemized
        Map<String, Integer> itemCounts = new LinkedHashMap<>();
        Map<Integer, String> prefixAtDepth = new LinkedHashMap<>();
        Map<Integer, String> sequenceAtDepth = new LinkedHashMap<>();
        prefixAtDepth.put(0, "");
        for (String line : joinContinuationLines(listing)) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int depth = m.group(1).length() / 2;
            String tag = (m.group(2) + m.group(3)).toUpperCase();
            String vr = m.group(4);
            String text = m.group(5);
            String len = m.group(6);
            if (tag.startsWith("FFFE")) {
                if (tag.equals("FFFEE000")) {
                    String seqKey = sequenceAtDepth.get(depth - 1);
                    if (seqKey == null) {
                        continue;
                    }
                    int n = itemCounts.merge(seqKey, 1, Integer::sum);
                    ElementRow seq = rows.get(seqKey);
                    rows.put(seqKey, new ElementRow(seqKey, seq.vr(), null, -1, n));
                    prefixAtDepth.put(depth + 1, seqKey + "/" + n + "/");
                }
                continue;
            }
            String p = prefixAtDepth.getOrDefault(depth, "?") + tag;
            if (text.startsWith("(Sequence with") || text.startsWith("(PixelSequence")) {
                rows.put(p, new ElementRow(p, vr, null, -1, 0));
                sequenceAtDepth.put(depth, p);
                itemCounts.put(p, 0);
                continue;
            }
            List<String> values;
            if (text.equals("(no value available)")) {
                values = List.of();
            } else if (text.startsWith("[") && text.endsWith("]")) {
                values = split(text.substring(1, text.length() - 1));
            } else if (isBinary(vr)) {
                values = null;
            } else {
                values = split(text);
            }
            rows.put(p, new ElementRow(p, vr, values, len.equals("u/l") ? -1 : Long.parseLong(len), 0));
        }
        // dcmdump lists zero padding after the last element as one (0000,0000) with an unknown VR; it is no element
        ElementRow padding = rows.get("00000000");
        if (padding != null && padding.vr().equals("??")) {
            rows.remove("00000000");
        }
        return rows;
    }

    /** Values with line breaks (LT, ST, UT) span several lines of the listing: put them back together. */
    private static List<String> joinContinuationLines(String listing) {
        List<String> lines = new ArrayList<>();
        for (String line : listing.split("\n", -1)) {
            String t = line.stripLeading();
            boolean starts = line.isEmpty() || t.startsWith("#") || t.startsWith("(");
            if (starts || lines.isEmpty()) {
                lines.add(line);
            } else {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n" + line);
            }
        }
        return lines;
    }

    static boolean isBinary(String vr) {
        return switch (vr) {
        case "OB", "OW", "OF", "OD", "OL", "OV", "UN", "ox", "px", "xs", "lt", "up", "na", "pi", "??" -> true;
        default -> false;
        };
    }

    /** Padding (space or NUL) is not part of a value; line breaks are compared as LF. */
    static String normalize(String v) {
        return v.replace("\r\n", "\n").replace('\r', '\n').replaceAll("^[ \\x00]+|[ \\x00]+$", "");
    }

    private static List<String> split(String s) {
        List<String> values = new ArrayList<>();
        for (String v : s.split("\\\\", -1)) {
            values.add(normalize(v));
        }
        return values;
    }
}

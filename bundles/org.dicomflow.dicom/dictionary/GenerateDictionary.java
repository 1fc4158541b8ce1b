import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Generates the dictionaries of org.dicomflow.dicom from the standard's data in this folder (elements.tsv,
 * uids.tsv, private-elements.tsv):
 * <ul>
 * <li>the constants of {@code Tag.java} and {@code UID.java}, written between their "BEGIN GENERATED" and
 * "END GENERATED" lines; the hand-written rest of both files is kept as it is,</li>
 * <li>{@code org/dicomflow/dicom/dictionary/elements.txt}, {@code element-details.txt}, {@code uids.txt} and
 * {@code private.txt}, the resources {@code ElementDictionary} and {@code UIDDictionary} load on first use.</li>
 * </ul>
 * Run from the repository root: {@code java bundles/org.dicomflow.dicom/dictionary/GenerateDictionary.java}
 * (optional arguments: the data folder and the source folder to write into). Plain Java with no
 * dependencies so it runs without Maven; the output is a pure function of the input, which lets a test
 * regenerate into a temporary folder and compare with the committed files.
 */
public class GenerateDictionary {

    static final String BEGIN = "// BEGIN GENERATED";
    static final String END = "// END GENERATED";
    static final Set<String> VR_CODES = Set.of(("AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST"
            + " SV TM UC UI UL UN UR US UT UV").split(" "));
    static final Pattern KEYWORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern TAG = Pattern.compile("\\(([0-9A-FX]{4}),([0-9A-FX]{4})\\)");
    static final Pattern PRIVATE_TAG = Pattern.compile("([0-9A-F]{2})([0-9A-F]{2}|XX)(XX|00)([0-9A-F]{2})");
    static final Pattern VM = Pattern.compile("[0-9]+(-([0-9]*n|[0-9]+))?");

    record Element(String pattern, int value, int mask, String vrs, String vm, String keyword, String name,
            boolean retired) {
        boolean repeats() {
            return mask != -1;
        }
    }

    record Uid(String uid, String keyword, String name, String type, boolean retired) {
    }

    record PrivateElement(String creator, String group, String offset, String vrs, String vm, String name,
            boolean retired) {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "bundles/org.dicomflow.dicom/dictionary");
        Path src = Path.of(args.length > 1 ? args[1] : "bundles/org.dicomflow.dicom/src");
        Path pkg = src.resolve("org/dicomflow/dicom");
        if (!Files.isRegularFile(data.resolve("elements.tsv")) || !Files.isRegularFile(pkg.resolve("Tag.java"))) {
            System.err.println("usage: java GenerateDictionary.java [DATA_DIR [SOURCE_DIR]]; run from the repository"
                    + " root or name the folders (looked for " + data.resolve("elements.tsv") + " and "
                    + pkg.resolve("Tag.java") + ")");
            System.exit(2);
        }
        List<Element> elements = readElements(data.resolve("elements.tsv"));
        List<Uid> uids = readUids(data.resolve("uids.tsv"));
        List<PrivateElement> privates = readPrivateElements(data.resolve("private-elements.tsv"));

        Path resources = pkg.resolve("dictionary");
        Files.createDirectories(resources);
        int changed = 0;
        changed += write(resources.resolve("elements.txt"), elementsText(elements));
        changed += write(resources.resolve("element-details.txt"), elementDetailsText(elements));
        changed += write(resources.resolve("uids.txt"), uidsText(uids));
        changed += write(resources.resolve("private.txt"), privateText(privates));
        changed += write(pkg.resolve("Tag.java"), splice(pkg.resolve("Tag.java"), tagConstants(elements)));
        changed += write(pkg.resolve("UID.java"), splice(pkg.resolve("UID.java"), uidConstants(uids)));
        System.out.println(elements.size() + " elements, " + uids.size() + " UIDs, " + privates.size()
                + " private elements; " + changed + " file(s) changed under " + src);
    }

    // ---- reading the standard's data ----

    static List<String[]> rows(Path tsv, String header, int columns) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IllegalArgumentException(tsv + ": expected the header line \"" + header.replace("\t", "\\t")
                    + "\"");
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] row = lines.get(i).split("\t", -1);
            if (row.length != columns) {
                throw new IllegalArgumentException(tsv + " line " + (i + 1) + ": " + row.length + " columns, expected "
                        + columns);
            }
            for (String field : row) {
                if (field.contains("\r")) {
                    // the resources are tab/newline separated without escapes
                    throw new IllegalArgumentException(tsv + " line " + (i + 1) + ": unexpected character in " + field);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    static List<Element> readElements(Path tsv) throws IOException {
        List<Element> elements = new ArrayList<>();
        Set<String> keywords = new HashSet<>();
        Set<String> patterns = new HashSet<>();
        for (String[] r : rows(tsv, "tag\tvr\tvm\tkeyword\tname\tretired", 6)) {
            var m = TAG.matcher(r[0]);
            if (!m.matches()) {
                throw new IllegalArgumentException("elements.tsv: bad tag " + r[0]);
            }
            String pattern = m.group(1) + m.group(2);
            int value = 0;
            int mask = 0;
            for (int i = 0; i < 8; i++) {
                char c = pattern.charAt(i);
                value = value << 4 | (c == 'X' ? 0 : Character.digit(c, 16));
                mask = mask << 4 | (c == 'X' ? 0 : 0xF);
            }
            String vrs = vrList(r[1], " or ", "elements.tsv " + r[0]);
            checkVm(r[2], "elements.tsv " + r[0]);
            String keyword = r[3];
            if (!keyword.isEmpty() && (!KEYWORD.matcher(keyword).matches() || !keywords.add(keyword))) {
                throw new IllegalArgumentException("elements.tsv " + r[0] + ": keyword " + keyword
                        + " is not a Java identifier or appears twice");
            }
            if (!patterns.add(pattern)) {
                throw new IllegalArgumentException("elements.tsv: " + r[0] + " appears twice");
            }
            elements.add(new Element(pattern, value, mask, vrs, r[2], keyword, r[4], retired(r[5], r[0])));
        }
        // Exact tags first in unsigned order (ElementDictionary binary-searches them), then the repeating
        // patterns; sorting here rather than trusting the file keeps the output stable if the data is reordered.
        elements.sort(Comparator.comparing(Element::repeats)
                .thenComparing((a, b) -> Integer.compareUnsigned(a.value, b.value))
                .thenComparing(Element::pattern));
        return elements;
    }

    static List<Uid> readUids(Path tsv) throws IOException {
        List<Uid> uids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> keywords = new HashSet<>();
        for (String[] r : rows(tsv, "uid\tkeyword\tname\ttype\tretired", 5)) {
            if (!r[0].matches("[0-9]+(\\.[0-9]+)*") || !seen.add(r[0])) {
                throw new IllegalArgumentException("uids.tsv: bad or repeated UID " + r[0]);
            }
            if (!r[1].isEmpty() && (!KEYWORD.matcher(r[1]).matches() || !keywords.add(r[1]))) {
                throw new IllegalArgumentException("uids.tsv " + r[0] + ": keyword " + r[1]
                        + " is not a Java identifier or appears twice");
            }
            uids.add(new Uid(r[0], r[1], r[2], r[3], retired(r[4], r[0])));
        }
        return uids;
    }

    static List<PrivateElement> readPrivateElements(Path tsv) throws IOException {
        List<PrivateElement> privates = new ArrayList<>();
        java.util.Map<String, PrivateElement> seen = new java.util.HashMap<>();
        for (String[] r : rows(tsv, "creator\ttag\tvr\tvm\tname\tretired", 6)) {
            String where = "private-elements.tsv " + r[0] + " " + r[1];
            String tag = r[1].toUpperCase(java.util.Locale.ROOT);
            var m = PRIVATE_TAG.matcher(tag);
            if (r[0].isEmpty() || r[0].contains("\n") || (!m.matches() && !tag.matches("[0-9A-F]{6}XX"))) {
                throw new IllegalArgumentException(where + ": unexpected creator or tag form");
            }
            if (!m.matches()) {
                // ggggbbxx: 11 rows that describe a block's creator element with the bytes swapped (e.g.
                // GEMS_ACQU_01 "001910xx" Private Element Creator). The creator element is LO by rule;
                // keeping them would give every unlisted element of block bb the creator's VR.
                continue;
            }
            // gggg xx ee: element ee of whichever block the creator reserved. gggg 00 ee: the same offset
            // written without the xx (all such rows have 00 there, checked by the pattern).
            String group = m.group(1) + m.group(2);
            String offset = m.group(4);
            if (!group.endsWith("XX") && (Integer.parseInt(group, 16) & 1) == 0) {
                // 2 rows (FDMS 1.0, group 0032): an even group holds no private elements, so no file can
                // ever match them.
                continue;
            }
            String vrs = vrList(r[2], "_", where);
            checkVm(r[3], where);
            PrivateElement p = new PrivateElement(r[0], group, offset, vrs, r[3], r[4], retired(r[5], where));
            PrivateElement before = seen.putIfAbsent(r[0] + "\t" + group + offset, p);
            if (before != null) {
                // "0029xx89" and "00290089" are the same element once normalized; identical rows are harmless
                if (!before.equals(p)) {
                    throw new IllegalArgumentException(where + ": appears twice with different values");
                }
                continue;
            }
            privates.add(p);
        }
        privates.sort(Comparator.comparing(PrivateElement::creator).thenComparing(PrivateElement::group)
                .thenComparing(PrivateElement::offset));
        return privates;
    }

    /** "US or SS" -> "US/SS"; "NONE" (items and delimiters, which have no VR) -> "-". */
    static String vrList(String vr, String separator, String where) {
        if (vr.equals("NONE")) {
            return "-";
        }
        List<String> codes = new ArrayList<>();
        for (String code : vr.split(Pattern.quote(separator))) {
            if (!VR_CODES.contains(code)) {
                throw new IllegalArgumentException(where + ": unknown VR " + vr);
            }
            codes.add(code);
        }
        return String.join("/", codes);
    }

    static void checkVm(String vm, String where) {
        if (!VM.matcher(vm).matches()) {
            throw new IllegalArgumentException(where + ": unexpected VM " + vm);
        }
    }

    static boolean retired(String flag, String where) {
        if (!flag.isEmpty() && !flag.equals("RET")) {
            throw new IllegalArgumentException(where + ": retired column is \"" + flag + "\"");
        }
        return !flag.isEmpty();
    }

    // ---- the resources ----

    static final String RESOURCE_NOTE = "# Generated by bundles/org.dicomflow.dicom/dictionary/GenerateDictionary.java"
            + " from %s; do not edit.\n";

    /**
     * One line per element: tag (X = any hex digit) and VRs. Only these are parsed when the dictionary
     * loads (a reader needs nothing else), so they have a file of their own and the rest of each entry is
     * in element-details.txt, line for line in the same order.
     */
    static String elementsText(List<Element> elements) {
        StringBuilder sb = new StringBuilder(String.format(RESOURCE_NOTE, "elements.tsv"));
        sb.append("# tag\tvr (X = any hex digit; VRs separated by /, - for none); the same line of element-details.txt"
                + " has the rest\n");
        for (Element e : elements) {
            sb.append(e.pattern).append('\t').append(e.vrs).append('\n');
        }
        return sb.toString();
    }

    /** One line per element, in the order of elements.txt: VM, R if retired, keyword, name. */
    static String elementDetailsText(List<Element> elements) {
        StringBuilder sb = new StringBuilder(String.format(RESOURCE_NOTE, "elements.tsv"));
        sb.append("# vm\tretired\tkeyword\tname, line for line with elements.txt\n");
        for (Element e : elements) {
            sb.append(e.vm).append('\t').append(e.retired ? "R" : "").append('\t').append(e.keyword).append('\t')
                    .append(e.name).append('\n');
        }
        return sb.toString();
    }

    /** One line per UID: UID, keyword, type, R if retired, name. */
    static String uidsText(List<Uid> uids) {
        StringBuilder sb = new StringBuilder(String.format(RESOURCE_NOTE, "uids.tsv"));
        sb.append("# uid\tkeyword\ttype\tretired\tname\n");
        for (Uid u : uids) {
            sb.append(u.uid).append('\t').append(u.keyword).append('\t').append(u.type).append('\t')
                    .append(u.retired ? "R" : "").append('\t').append(u.name).append('\n');
        }
        return sb.toString();
    }

    /**
     * A line "@creator" starts each creator's block (creators are written once, not per row); then one line
     * per element: group (XX = any), element offset in the block (low byte), VRs, VM, R if retired, name.
     */
    static String privateText(List<PrivateElement> privates) {
        StringBuilder sb = new StringBuilder(String.format(RESOURCE_NOTE, "private-elements.tsv"));
        sb.append("# @creator, then: group\toffset\tvr\tvm\tretired\tname\n");
        String creator = null;
        for (PrivateElement p : privates) {
            if (!p.creator.equals(creator)) {
                creator = p.creator;
                sb.append('@').append(creator).append('\n');
            }
            sb.append(p.group).append('\t').append(p.offset).append('\t').append(p.vrs).append('\t').append(p.vm)
                    .append('\t').append(p.retired ? "R" : "").append('\t').append(p.name).append('\n');
        }
        return sb.toString();
    }

    // ---- the Java constants ----

    static String tagConstants(List<Element> elements) {
        List<Element> named = new ArrayList<>();
        for (Element e : elements) {
            if (!e.keyword.isEmpty()) {
                named.add(e);
            }
        }
        // In numeric order of the constant so that readers find neighbours together; repeating patterns
        // fall in by their first instance (x = 0).
        named.sort((a, b) -> Integer.compareUnsigned(a.value, b.value));
        StringBuilder sb = new StringBuilder();
        for (Element e : named) {
            String tag = "(" + e.pattern.substring(0, 4) + "," + e.pattern.substring(4) + ")";
            tag = tag.replace('X', 'x');
            sb.append("    /** ").append(tag).append(' ').append(e.vrs.equals("-") ? "no VR" : e.vrs.replace("/", " or "))
                    .append(", VM ").append(e.vm).append(": ").append(javadoc(e.name))
                    .append(e.retired ? " (retired)" : "");
            if (e.repeats()) {
                sb.append(". Repeating: this constant is x = 0");
            }
            sb.append(". */\n");
            sb.append("    public static final int ").append(e.keyword).append(" = 0x")
                    .append(String.format("%08X", e.value)).append(";\n");
        }
        return sb.toString();
    }

    static String uidConstants(List<Uid> uids) {
        StringBuilder sb = new StringBuilder();
        for (Uid u : uids) {
            if (u.keyword.isEmpty()) {
                continue;
            }
            sb.append("    /** ").append(javadoc(u.name)).append(" (").append(javadoc(u.type))
                    .append(u.retired ? ", retired" : "").append("). */\n");
            sb.append("    public static final String ").append(u.keyword).append(" = \"").append(u.uid).append("\";\n");
        }
        return sb.toString();
    }

    /** Text safe inside a Javadoc comment; a backslash is escaped because javac reads backslash-u as a Unicode escape even there. */
    static String javadoc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;").replace("\\", "&#92;");
    }

    /** The file with everything between its BEGIN GENERATED and END GENERATED lines replaced by {@code body}. */
    static String splice(Path file, String body) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " has no \"" + BEGIN + "\" ... \"" + END
                    + "\" lines to write the constants between");
        }
        int bodyStart = text.indexOf('\n', begin) + 1;
        int bodyEnd = text.lastIndexOf('\n', end) + 1;
        return text.substring(0, bodyStart) + body + text.substring(bodyEnd);
    }

    /** Writes only when the content differs, so unchanged files keep their timestamps; 1 if written. */
    static int write(Path file, String content) {
        try {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                return 0;
            }
            Files.write(file, bytes);
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

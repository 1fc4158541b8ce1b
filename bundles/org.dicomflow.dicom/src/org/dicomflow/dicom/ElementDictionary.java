package org.dicomflow.dicom;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PS3.6 data dictionary (standard elements, including the command group and the repeating groups) and
 * the known private dictionaries: tag to VR, VM, keyword, name and retired flag, and keyword to tag.
 * <p>
 * The data are resources in {@code dictionary/} next to this class, generated from the standard's data by
 * {@code dictionary/GenerateDictionary.java} in the bundle, each parsed on first use, once, by the JVM's
 * class initialization (thread-safe without locks), in stages so that each caller pays only for what it
 * uses: tags and VRs (elements.txt, about 10 ms on a cold JVM, what a reader needs), VM/keyword/name
 * (element-details.txt, decoded per entry), the keyword index (on the first {@link #tagOf}) and the private
 * dictionaries (private.txt, on the first private lookup).
 * Text resources rather than generated Java arrays: an array initializer compiles to several bytecode
 * instructions per value, so 5000 entries with their strings exceed the 64 KB method limit and would have
 * to be split over many classes, and all of it would be loaded at once.
 */
public final class ElementDictionary {

    private ElementDictionary() {
    }

    /**
     * The VR for {@code tag} in implicit VR data: group length (gggg,0000) is UL, a private creator LO, any
     * other private element UN (use {@link #vrOf(String, int)} when the creator is known), a standard element
     * its dictionary VR (the first where the standard allows several, e.g. US for "US or SS", OB for "OB or
     * OW": the reader or the data set decides from context), repeating groups (60xx, 50xx, ...) by their
     * pattern, and UN for anything unknown, including the item and delimitation tags, which have no VR.
     */
    public static VR vrOf(int tag) {
        if (Tag.isGroupLength(tag)) {
            return VR.UL;
        }
        if (Tag.isPrivate(tag)) {
            return Tag.isPrivateCreator(tag) ? VR.LO : VR.UN;
        }
        Elements e = Elements.TABLE;
        int i = e.indexOf(tag);
        VR vr = i < 0 ? null : DictionaryText.firstVr(e.vrs[i]);
        return vr == null ? VR.UN : vr;
    }

    /**
     * Every VR the standard allows for {@code tag}, in the dictionary's order ([US, SS] for "US or SS");
     * one VR for group lengths, private creators, and private or unknown elements (UN); empty for the item
     * and delimitation tags (FFFE,E000/E00D/E0DD), which have none.
     */
    public static List<VR> vrsOf(int tag) {
        if (Tag.isGroupLength(tag) || Tag.isPrivate(tag)) {
            return List.of(vrOf(tag));
        }
        Elements e = Elements.TABLE;
        int i = e.indexOf(tag);
        return i < 0 ? List.of(VR.UN) : DictionaryText.unpackVrs(e.vrs[i]);
    }

    /** The standard keyword ("PatientName"), or "" for a private, unknown or keyword-less (retired) element. */
    public static String keywordOf(int tag) {
        if (Tag.isPrivate(tag)) {
            return "";
        }
        Elements e = Elements.TABLE;
        int i = e.indexOf(tag);
        return i < 0 ? "" : e.details(i).keyword();
    }

    /**
     * The tag with this keyword, or -1 if there is none. For a repeating element it is the first instance
     * (x = 0), as in {@link Tag}: {@code tagOf("OverlayData") == 0x60003000}.
     */
    public static int tagOf(String keyword) {
        Integer tag = KeywordIndex.TAGS.get(keyword);
        return tag == null ? -1 : tag;
    }

    /**
     * Value multiplicity as PS3.6 writes it ("1", "1-n", "2-2n", "3"); "1" for group lengths and private
     * creators; "" if unknown (including other private elements: see {@link #privateEntry}).
     */
    public static String vmOf(int tag) {
        if (!Tag.isPrivate(tag)) {
            Elements e = Elements.TABLE;
            int i = e.indexOf(tag);
            if (i >= 0) {
                return e.details(i).vm();
            }
        }
        return Tag.isGroupLength(tag) || Tag.isPrivateCreator(tag) ? "1" : "";
    }

    /**
     * The standard's name ("Patient's Name"); for elements the dictionary does not list: "Group Length",
     * "Private Creator", or "" if unknown.
     */
    public static String nameOf(int tag) {
        if (!Tag.isPrivate(tag)) {
            Elements e = Elements.TABLE;
            int i = e.indexOf(tag);
            if (i >= 0) {
                return e.details(i).name();
            }
        }
        if (Tag.isGroupLength(tag)) {
            return "Group Length";
        }
        return Tag.isPrivateCreator(tag) ? "Private Creator" : "";
    }

    /** True if the standard lists the element as retired; false for unknown and private elements. */
    public static boolean isRetired(int tag) {
        if (Tag.isPrivate(tag)) {
            return false;
        }
        Elements e = Elements.TABLE;
        int i = e.indexOf(tag);
        return i >= 0 && e.details(i).retired();
    }

    /** True if the standard dictionary lists {@code tag} (exactly or by a repeating pattern). */
    static boolean isListed(int tag) {
        return !Tag.isPrivate(tag) && Elements.TABLE.indexOf(tag) >= 0;
    }

    /** Number of standard entries (exact tags plus repeating patterns); for sanity checks and diagnostics. */
    public static int size() {
        return Elements.TABLE.size();
    }

    /**
     * The known private dictionary entry for a private data element (gggg,bbee) whose block bb was reserved
     * by {@code creator}; null if {@code tag} is not a private data element or no dictionary knows it.
     * The element is identified by its group and its offset ee in the block, whatever block the creator got.
     * Some creators use their blocks for different things; the dictionary names those "CREATOR^bb" (e.g.
     * "TOSHIBA_MEC_MR3^11" for the block reserved by (0019,0011)), which is tried after the plain creator.
     * Leading and trailing spaces of the creator are ignored, as they are insignificant in LO.
     */
    public static PrivateEntry privateEntry(String creator, int tag) {
        if (creator == null || !Tag.isPrivate(tag) || Tag.element(tag) < 0x1000) {
            return null;
        }
        String c = creator.strip();
        PrivateElements p = PrivateElements.TABLE;
        PrivateEntry entry = p.find(c, tag);
        if (entry == null) {
            int block = (tag >>> 8) & 0xFF;
            entry = p.find(c + '^' + PrivateElements.hex2(block), tag);
        }
        return entry;
    }

    /**
     * The VR of {@code tag} when its block's creator is known: group length UL, creator LO, a private data
     * element its private dictionary VR or UN; a standard element as {@link #vrOf(int)}.
     */
    public static VR vrOf(String privateCreator, int tag) {
        if (!Tag.isPrivate(tag) || Tag.isGroupLength(tag) || Tag.isPrivateCreator(tag)) {
            return vrOf(tag);
        }
        PrivateEntry entry = privateEntry(privateCreator, tag);
        return entry == null ? VR.UN : entry.vr();
    }

    // ---- loading ----

    /** The columns of one dictionary line that lookups by VR do not need, decoded on first use. */
    record Details(String vm, boolean retired, String keyword, String name) {
    }

    /**
     * The standard elements as parallel arrays: exact tags sorted (unsigned) for binary search, then the
     * repeating patterns (tag value with x = 0 plus a mask), which are few and only consulted on a miss.
     * Loading decodes only tag and VR of each line; VM, keyword and name are decoded per entry when first
     * asked for (see {@link #details(int)}).
     */
    static final class Elements {
        static final Elements TABLE = new Elements(DictionaryText.read("elements.txt"));

        /** Exact tags, ascending unsigned. */
        final int[] tags;
        /** Repeating patterns: (tag & masks[i]) == patterns[i]; entry index tags.length + i. */
        final int[] masks;
        final int[] patterns;
        /** Per entry (exact ones first, then patterns): VRs packed as by {@link DictionaryText#nextVrs()}. */
        final int[] vrs;

        Elements(byte[] text) {
            DictionaryText f = new DictionaryText(text);
            int capacity = 5120;
            int[] allTags = new int[capacity];
            int[] allMasks = new int[capacity];
            int[] allVrs = new int[capacity];
            int n = 0;
            int exact = 0;
            while (f.nextLine()) {
                if (n == capacity) {
                    capacity *= 2;
                    allTags = java.util.Arrays.copyOf(allTags, capacity);
                    allMasks = java.util.Arrays.copyOf(allMasks, capacity);
                    allVrs = java.util.Arrays.copyOf(allVrs, capacity);
                }
                long pattern = f.nextHexPattern(8);
                int vr = f.nextVrs();
                if (pattern == -1 || vr == -1) {
                    throw f.error("elements.txt", "expected an 8-digit tag and VRs");
                }
                int value = (int) pattern;
                int mask = (int) (pattern >>> 32);
                if (mask == -1) {
                    if (exact != n || (n > 0 && Integer.compareUnsigned(allTags[n - 1], value) >= 0)) {
                        throw f.error("elements.txt", "exact tags must come first, in ascending order");
                    }
                    exact++;
                }
                allTags[n] = value;
                allMasks[n] = mask;
                allVrs[n] = vr;
                f.skipLine();
                n++;
            }
            tags = java.util.Arrays.copyOf(allTags, exact);
            patterns = java.util.Arrays.copyOfRange(allTags, exact, n);
            masks = java.util.Arrays.copyOfRange(allMasks, exact, n);
            vrs = java.util.Arrays.copyOf(allVrs, n);
        }

        int size() {
            return vrs.length;
        }

        /** The tag of entry {@code i}; for a pattern, its first instance (x = 0). */
        int tagAt(int i) {
            return i < tags.length ? tags[i] : patterns[i - tags.length];
        }

        Details details(int i) {
            return ElementDetails.TABLE.details(i);
        }

        /** Index of the entry describing {@code tag}: the exact tag, else the first matching pattern; or -1. */
        int indexOf(int tag) {
            int low = 0;
            int high = tags.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = Integer.compareUnsigned(tags[mid], tag);
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            for (int i = 0; i < masks.length; i++) {
                if ((tag & masks[i]) == patterns[i]) {
                    return tags.length + i;
                }
            }
            return -1;
        }
    }

    /**
     * VM, retired flag, keyword and name of each entry: resource element-details.txt, line for line with
     * elements.txt. Loaded on the first call that needs one of them, and then decoded entry by entry.
     */
    static final class ElementDetails {
        static final ElementDetails TABLE = new ElementDetails(DictionaryText.read("element-details.txt"));

        private final byte[] text;
        private final int[] lineStarts;
        /**
         * Decoded lazily. Written without locking: two threads may both decode an entry, and a thread that
         * sees a Details reference sees its final fields, so a race costs a duplicate decode, never a torn one.
         */
        private final Details[] details;

        ElementDetails(byte[] text) {
            this.text = text;
            int n = Elements.TABLE.size();
            lineStarts = new int[n];
            DictionaryText f = new DictionaryText(text);
            int i = 0;
            while (f.nextLine()) {
                if (i == n) {
                    throw f.error("element-details.txt", "more lines than elements.txt has");
                }
                lineStarts[i++] = f.position();
                f.skipLine();
            }
            if (i != n) {
                throw new IllegalStateException("element-details.txt has " + i + " lines, elements.txt " + n);
            }
            details = new Details[n];
        }

        Details details(int i) {
            Details d = details[i];
            if (d == null) {
                DictionaryText f = new DictionaryText(text).at(lineStarts[i]);
                d = new Details(f.next().intern(), !f.nextIsEmpty(), f.next(), f.rest());
                details[i] = d;
            }
            return d;
        }
    }

    /** Keyword to tag, built on the first {@link #tagOf} call: readers and writers never need it. */
    static final class KeywordIndex {
        static final Map<String, Integer> TAGS = build();

        private static Map<String, Integer> build() {
            Elements e = Elements.TABLE;
            Map<String, Integer> tags = new HashMap<>(e.size() * 2);
            for (int i = 0; i < e.size(); i++) {
                String keyword = e.details(i).keyword();
                if (!keyword.isEmpty()) {
                    tags.put(keyword, e.tagAt(i));
                }
            }
            return tags;
        }
    }

    /**
     * Private dictionaries: creator to a map from (group, offset) to entry. The key is group << 8 | offset;
     * for a repeating group such as 60xx the group is stored with xx = 00, an even number that no real
     * private group has, so exact and repeating keys cannot collide.
     */
    static final class PrivateElements {
        static final PrivateElements TABLE = new PrivateElements(DictionaryText.read("private.txt"));

        private final Map<String, Map<Integer, PrivateEntry>> byCreator = new HashMap<>(1024);

        PrivateElements(byte[] text) {
            DictionaryText f = new DictionaryText(text);
            Map<String, String> vms = new HashMap<>();
            Map<Integer, PrivateEntry> entries = null;
            while (f.nextLine()) {
                if (f.peek() == '@') {
                    String creator = f.rest().substring(1);
                    entries = byCreator.computeIfAbsent(creator, c -> new HashMap<>());
                    continue;
                }
                long group = f.nextHexPattern(4);
                long offset = f.nextHexPattern(2);
                VR vr = DictionaryText.firstVr(f.nextVrs());
                if (entries == null || group == -1 || offset == -1 || (offset >>> 32) != 0xFF || vr == null) {
                    throw f.error("private.txt", "expected @creator, or group, offset and VR");
                }
                String vm = vms.computeIfAbsent(f.next(), v -> v);
                boolean retired = !f.nextIsEmpty();
                int key = (int) group << 8 | (int) offset & 0xFF;
                entries.put(key, new PrivateEntry(vr, vm, f.rest(), retired));
            }
        }

        PrivateEntry find(String creator, int tag) {
            Map<Integer, PrivateEntry> entries = byCreator.get(creator);
            if (entries == null) {
                return null;
            }
            int group = tag >>> 16;
            int offset = tag & 0xFF;
            PrivateEntry entry = entries.get(group << 8 | offset);
            return entry != null ? entry : entries.get((group & 0xFF00) << 8 | offset);
        }

        static String hex2(int b) {
            return new String(new char[] {Character.toUpperCase(Character.forDigit(b >> 4, 16)),
                Character.toUpperCase(Character.forDigit(b & 0xF, 16))});
        }
    }
}

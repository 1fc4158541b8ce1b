package org.dicomflow.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.DicomFormatException;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.VR;
import org.dicomflow.dicom.io.ReadOptions.BulkDataPolicy;

/**
 * Reads DICOM Part 10 files (preamble, "DICM", file meta information) and raw data sets (transfer syntax
 * guessed from the first bytes) in Implicit VR LE, Explicit VR LE/BE and Deflated Explicit VR LE, with
 * undefined lengths wherever PS3.5 allows them.
 *
 * <p>Hostile input: every length is checked against what is left of a file before anything is allocated,
 * nesting is bounded, and every problem is a {@link DicomFormatException} naming offset and tag.
 */
public final class DicomReader implements Closeable {

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final int UNDEFINED = -1;

    private final Path file;
    private final InputStream source;
    private DicomInput in;
    private ReadOptions options = ReadOptions.DEFAULT;
    private DataSet fileMeta;
    private TransferSyntax syntax;
    private boolean started;
    private long dataSetStart;
    /** The element being read, for error messages. */
    private int currentTag = -1;

    /** Reads a file; bulk data can be left in it ({@link BulkDataPolicy#REFERENCE}). */
    public DicomReader(Path file) throws IOException {
        this.file = file;
        this.source = Files.newInputStream(file);
        this.in = new DicomInput(source, Files.size(file));
    }

    /**
     * Reads a file's bytes held in memory, {@code length} of them from {@code offset}, as {@link #DicomReader(Path)}
     * would read the file: every element length is checked against what is left. Bulk data that would be referenced
     * is loaded instead.
     */
    public DicomReader(byte[] bytes, int offset, int length) {
        this.file = null;
        this.source = new ByteArrayInputStream(bytes, offset, length);
        this.in = new DicomInput(source, length);
    }

    /** Reads a stream; bulk data that would be referenced is loaded instead. */
    public DicomReader(InputStream stream) {
        this.file = null;
        this.source = stream;
        this.in = new DicomInput(source, -1);
    }

    /**
     * Reads a raw data set (no file meta information) whose transfer syntax is known, as a DIMSE data set
     * is: nothing is guessed.
     */
    public DicomReader(InputStream stream, TransferSyntax syntax) {
        this(stream);
        this.syntax = syntax;
        this.started = true;
        if (syntax.deflated()) {
            this.in = new DicomInput(new InflaterInputStream(stream, new Inflater(true), 16 * 1024), -1);
        }
    }

    /** Reads a whole file with {@link ReadOptions#DEFAULT}. */
    public static DataSet read(Path file) throws IOException {
        try (DicomReader r = new DicomReader(file)) {
            return r.readDataSet();
        }
    }

    public DicomReader withOptions(ReadOptions options) {
        this.options = options;
        return this;
    }

    /** The file meta information (group 0002), or null for a raw data set. Reads it if not read yet. */
    public DataSet fileMeta() throws IOException {
        start();
        return fileMeta;
    }

    /** The transfer syntax of the data set: from the file meta information, else guessed. */
    public TransferSyntax transferSyntax() throws IOException {
        start();
        return syntax;
    }

    /** Offset of the data set after the file meta information (where a C-STORE SCU starts sending). */
    public long dataSetOffset() throws IOException {
        start();
        return dataSetStart;
    }

    /** Reads the data set (after the file meta information) as far as the options say. */
    public DataSet readDataSet() throws IOException {
        start();
        DataSet ds = new DataSet(64);
        ds.setBigEndian(syntax.bigEndian());
        try {
            readItems(ds, new Encoding(syntax.explicitVR(), syntax.bigEndian()), Long.MAX_VALUE, 0, true);
        } catch (EOFException e) {
            throw new DicomFormatException("data ends unexpectedly (truncated file?)", in.position(), currentTag);
        } catch (java.util.zip.ZipException e) {
            throw new DicomFormatException("deflated data is corrupt (" + e.getMessage() + ")", in.position(), currentTag);
        }
        return ds;
    }

    private void start() throws IOException {
        if (started) {
            return;
        }
        started = true;
        try {
            readPreambleAndMeta();
        } catch (EOFException e) {
            throw new DicomFormatException("data ends inside the file meta information", in.position(), currentTag);
        }
    }

    private void readPreambleAndMeta() throws IOException {
        if (in.peek(128) == 'D' && in.peek(129) == 'I' && in.peek(130) == 'C' && in.peek(131) == 'M') {
            in.skip(132);
            fileMeta = readFileMeta();
        } else if (in.peek(0) == 0x02 && in.peek(1) == 0x00 && isVRCode(in.peek(4), in.peek(5))) {
            fileMeta = readFileMeta(); // meta information without preamble, as some writers produce
        }
        String tsUid = fileMeta == null ? null : fileMeta.getString(Tag.TransferSyntaxUID);
        if (tsUid == null || tsUid.isEmpty()) {
            syntax = guessSyntax();
        } else {
            syntax = TransferSyntax.of(tsUid);
        }
        dataSetStart = in.position();
        if (syntax.deflated()) {
            in = new DicomInput(new InflaterInputStream(in.rest(), new Inflater(true), 16 * 1024), -1);
        }
    }

    private DataSet readFileMeta() throws IOException {
        DataSet meta = new DataSet(12);
        Encoding explicitLE = new Encoding(true, false);
        while (in.peek(0) == 0x02 && in.peek(1) == 0x00) {
            readElement(meta, explicitLE, 0, true);
        }
        return meta;
    }

    /** PS3.5 raw data sets: group numbers are small and even, explicit VR shows as two capital letters. */
    private TransferSyntax guessSyntax() throws IOException {
        if (!in.hasMore()) {
            throw new DicomFormatException("no data: the file is empty", in.position(), -1);
        }
        int b0 = in.peek(0);
        int b1 = in.peek(1);
        boolean bigEndian = b0 == 0 && b1 != 0;
        int group = bigEndian ? b1 : b1 << 8 | b0;
        // without preamble or meta information, only the start of a data set tells DICOM from anything else:
        // its first elements belong to the low groups (identification 0008, patient 0010, ... image 0028)
        if (fileMeta == null && (group < 0x0004 || group > 0x0028)) {
            throw new DicomFormatException("not DICOM: no \"DICM\" marker at offset 128, and the data does not start"
                    + " like a data set", 0, -1);
        }
        boolean explicit = isVRCode(in.peek(4), in.peek(5));
        if (!explicit) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        return bigEndian ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }

    private static boolean isVRCode(int c0, int c1) {
        return c0 >= 'A' && c0 <= 'Z' && c1 >= 'A' && c1 <= 'Z' && VR.ofCode(c0, c1) != null;
    }

    /** Byte order and VR encoding in force; changes inside UN sequences of undefined length (implicit LE). */
    private record Encoding(boolean explicitVR, boolean bigEndian) {
    }

    /**
     * Reads elements into {@code ds} until {@code end} (exclusive), an item delimiter (inside an undefined
     * length item), or the end of data (top level).
     */
    private void readItems(DataSet ds, Encoding enc, long end, int depth, boolean topLevel) throws IOException {
        while (in.position() < end) {
            if (topLevel && !in.hasMore()) {
                return;
            }
            int tag = peekTag(enc);
            if (tag == ITEM_DELIMITATION) {
                if (topLevel) {
                    throw new DicomFormatException("item delimiter outside an item", in.position(), tag);
                }
                in.skip(8);
                return;
            }
            if (topLevel && Integer.compareUnsigned(tag, options.stopBeforeTag()) >= 0) {
                return;
            }
            if (topLevel && isZeroPadding()) {
                // writers that pad files with zero bytes after the last element: (0000,0000) with no VR
                // and no length is never a data element, so the data set has ended
                return;
            }
            readElement(ds, enc, depth, topLevel);
        }
        if (in.position() > end) {
            throw new DicomFormatException("an element runs " + (in.position() - end) + " bytes past the end of its item",
                    in.position(), -1);
        }
    }

    private boolean isZeroPadding() throws IOException {
        for (int i = 0; i < 8; i++) {
            int b = in.peek(i);
            if (b > 0) {
                return false;
            }
            if (b < 0) {
                return i > 0; // fewer than 8 bytes left, all zero
            }
        }
        return true;
    }

    private int peekTag(Encoding enc) throws IOException {
        int b0 = in.peek(0);
        int b1 = in.peek(1);
        int b2 = in.peek(2);
        int b3 = in.peek(3);
        if (b3 < 0) {
            throw new DicomFormatException("data ends inside an element header", in.position(), -1);
        }
        int group = enc.bigEndian ? b0 << 8 | b1 : b1 << 8 | b0;
        int element = enc.bigEndian ? b2 << 8 | b3 : b3 << 8 | b2;
        // delimiters are always little endian in files: PS3.5 7.5 writes them with the data set's byte order,
        // yet some writers use little endian in big endian files; accept both
        if (enc.bigEndian && group == 0xFEFF && (element & 0x00FF) == 0xE0) {
            return 0xFFFE0000 | ((b3 << 8 | b2) & 0xFFFF);
        }
        return group << 16 | element;
    }

    private void readElement(DataSet ds, Encoding enc, int depth, boolean topLevel) throws IOException {
        long elementStart = in.position();
        int tag = peekTag(enc);
        currentTag = tag;
        in.skip(4);
        VR vr;
        long length;
        try {
            if (enc.explicitVR) {
                int c0 = in.u8();
                int c1 = in.u8();
                vr = VR.ofCode(c0, c1);
                if (vr == null) {
                    throw new DicomFormatException(String.format("invalid VR code %02X %02X", c0, c1), elementStart, tag);
                }
                if (vr.isExplicitLongHeader()) {
                    in.skip(2);
                    length = in.i32(enc.bigEndian) & 0xFFFFFFFFL;
                } else {
                    length = in.u16(enc.bigEndian);
                }
            } else {
                vr = implicitVR(ds, tag);
                length = in.i32(enc.bigEndian) & 0xFFFFFFFFL;
            }
        } catch (EOFException e) {
            throw new DicomFormatException("data ends inside the element header", elementStart, tag);
        }
        boolean undefined = length == 0xFFFFFFFFL;

        if (vr == VR.SQ || undefined && (vr == VR.UN || !enc.explicitVR && tag != Tag.PixelData)) {
            if (depth >= options.maxDepth()) {
                throw new DicomFormatException("sequences nested deeper than " + options.maxDepth(), elementStart, tag);
            }
            // PS3.5 6.2.2: a UN value of undefined length is a sequence in Implicit VR Little Endian
            Encoding inner = vr == VR.UN && undefined ? new Encoding(false, false) : enc;
            readSequence(ds, tag, inner, undefined ? UNDEFINED : checkLength(length, elementStart, tag), depth + 1);
            return;
        }
        if (undefined) {
            if (tag != Tag.PixelData && vr != VR.OB && vr != VR.OW) {
                throw new DicomFormatException("undefined length for a " + vr + " value", elementStart, tag);
            }
            readFragments(ds, tag, vr, enc, elementStart);
            return;
        }
        long len = checkLength(length, elementStart, tag);
        if (isBulk(tag, vr, len)) {
            readBulk(ds, tag, vr, enc, len, elementStart);
            return;
        }
        if (len > Integer.MAX_VALUE - 8) {
            throw new DicomFormatException("value of " + len + " bytes is too large to load", elementStart, tag);
        }
        try {
            ds.put(tag, vr, len == 0 ? null : in.readBytes((int) len));
        } catch (EOFException e) {
            throw new DicomFormatException("data ends inside the " + len + "-byte value", elementStart, tag);
        }
    }

    /**
     * The VR of an implicit VR element: the dictionary's, private creators LO, private data by creator. Where
     * the dictionary allows several, PS3.5 A.1 decides: OW for native pixel data and other OB-or-OW values, and
     * US or SS by Pixel Representation.
     */
    private static VR implicitVR(DataSet ds, int tag) {
        if (Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag) && (tag & 0xFFFF) >= 0x1000) {
            String creator = ds.privateCreatorOf(tag);
            VR vr = creator == null ? null : ElementDictionary.vrOf(creator, tag);
            return vr == null ? VR.UN : vr;
        }
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.OB || vr == VR.US) {
            java.util.List<VR> choices = ElementDictionary.vrsOf(tag);
            if (choices.size() > 1) {
                if (vr == VR.OB && choices.contains(VR.OW)) {
                    return VR.OW;
                }
                if (vr == VR.US && choices.contains(VR.SS) && pixelRepresentation(ds) == 1) {
                    return VR.SS;
                }
            }
        }
        return vr;
    }

    private static int pixelRepresentation(DataSet ds) {
        for (DataSet d = ds; d != null; d = d.parent()) {
            if (d.contains(Tag.PixelRepresentation)) {
                try {
                    return d.getInt(Tag.PixelRepresentation, 0);
                } catch (RuntimeException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private long checkLength(long length, long elementStart, int tag) throws DicomFormatException {
        long left = in.remaining();
        if (left >= 0 && length > left) {
            throw new DicomFormatException("value length " + length + " exceeds the " + left + " bytes left", elementStart, tag);
        }
        return length;
    }

    private boolean isBulk(int tag, VR vr, long len) {
        if (options.bulkData() == BulkDataPolicy.LOAD && file == null) {
            return false;
        }
        boolean bulkVR = vr == VR.OB || vr == VR.OW || vr == VR.OF || vr == VR.OD || vr == VR.OL || vr == VR.OV || vr == VR.UN;
        return bulkVR && (tag == Tag.PixelData || len > options.bulkDataThreshold())
                && options.bulkData() != BulkDataPolicy.LOAD;
    }

    private void readBulk(DataSet ds, int tag, VR vr, Encoding enc, long len, long elementStart) throws IOException {
        BulkDataPolicy policy = options.bulkData();
        if (policy == BulkDataPolicy.REFERENCE && file != null && !syntax.deflated()) {
            ds.put(tag, vr, new BulkData(file, in.position(), len, enc.bigEndian));
            in.skip(len);
        } else if (policy == BulkDataPolicy.SKIP) {
            ds.put(tag, vr, null);
            in.skip(len);
        } else {
            if (len > Integer.MAX_VALUE - 8) {
                throw new DicomFormatException("value of " + len + " bytes is too large to load", elementStart, tag);
            }
            ds.put(tag, vr, in.readBytes((int) len));
        }
    }

    private void readSequence(DataSet ds, int tag, Encoding enc, long length, int depth) throws IOException {
        Sequence seq = ds.newSequence(tag, 4);
        long end = length == UNDEFINED ? Long.MAX_VALUE : in.position() + length;
        while (in.position() < end) {
            long itemStart = in.position();
            int itemTag = peekTag(enc);
            in.skip(4);
            long itemLength = in.i32(enc.bigEndian) & 0xFFFFFFFFL;
            if (itemTag == SEQUENCE_DELIMITATION) {
                if (length != UNDEFINED) {
                    throw new DicomFormatException("sequence delimiter in a sequence of defined length", itemStart, tag);
                }
                return;
            }
            if (itemTag != ITEM) {
                throw new DicomFormatException(String.format("expected an item (FFFE,E000), found %s", Tag.toString(itemTag)),
                        itemStart, tag);
            }
            DataSet item = seq.addItem();
            item.setBigEndian(enc.bigEndian);
            if (itemLength == 0xFFFFFFFFL) {
                readItems(item, enc, Long.MAX_VALUE, depth, false);
            } else {
                long itemEnd = in.position() + checkLength(itemLength, itemStart, tag);
                if (itemEnd > end) {
                    throw new DicomFormatException("item of " + itemLength + " bytes runs past the end of its sequence",
                            itemStart, tag);
                }
                readItems(item, enc, itemEnd, depth, false);
            }
        }
        if (in.position() != end && length != UNDEFINED) {
            throw new DicomFormatException("items run past the end of the sequence", in.position(), tag);
        }
    }

    private void readFragments(DataSet ds, int tag, VR declared, Encoding enc, long elementStart) throws IOException {
        // PS3.5 A.4: encapsulated pixel data is OB, whatever a writer put in the header
        VR vr = tag == Tag.PixelData ? VR.OB : declared;
        Fragments fragments = new Fragments(vr);
        ds.put(tag, vr, fragments);
        while (true) {
            long itemStart = in.position();
            int itemTag = peekTag(enc);
            in.skip(4);
            long len = in.i32(enc.bigEndian) & 0xFFFFFFFFL;
            if (itemTag == SEQUENCE_DELIMITATION) {
                return;
            }
            if (itemTag != ITEM || len == 0xFFFFFFFFL) {
                throw new DicomFormatException("expected a pixel data fragment item", itemStart, tag);
            }
            checkLength(len, itemStart, tag);
            boolean firstIsOffsetTable = fragments.size() == 0;
            if (!firstIsOffsetTable && options.bulkData() == BulkDataPolicy.REFERENCE && file != null && !syntax.deflated()) {
                fragments.add(new BulkData(file, in.position(), len, false));
                in.skip(len);
            } else if (!firstIsOffsetTable && options.bulkData() == BulkDataPolicy.SKIP) {
                fragments.add(new byte[0]);
                in.skip(len);
            } else {
                if (len > Integer.MAX_VALUE - 8) {
                    throw new DicomFormatException("fragment of " + len + " bytes is too large to load", itemStart, tag);
                }
                try {
                    fragments.add(in.readBytes((int) len));
                } catch (EOFException e) {
                    throw new DicomFormatException("data ends inside a pixel data fragment", itemStart, tag);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}

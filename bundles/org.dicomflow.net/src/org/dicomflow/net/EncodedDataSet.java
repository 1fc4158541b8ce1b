package org.dicomflow.net;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.io.DicomWriter;
import org.dicomflow.dicom.io.WriteOptions;

/** A {@link DataSet} encoded with {@link DicomWriter} as it is sent (see {@link DataSetSource#of}). */
final class EncodedDataSet implements DataSetSource {
    private final DataSet dataSet;
    private final TransferSyntax syntax;

    EncodedDataSet(DataSet dataSet, String transferSyntaxUid) {
        this.dataSet = dataSet;
        this.syntax = TransferSyntax.of(transferSyntaxUid);
        if (syntax.encapsulated()) {
            // the writer cannot compress: such a data set must already hold encapsulated pixel data
            if (dataSet.getFragments(Tag.PixelData) == null && dataSet.contains(Tag.PixelData)) {
                throw new IllegalArgumentException("native pixel data cannot be sent as " + transferSyntaxUid);
            }
        }
    }

    @Override
    public String sopClassUid() {
        return dataSet.getString(Tag.SOPClassUID);
    }

    @Override
    public String sopInstanceUid() {
        return dataSet.getString(Tag.SOPInstanceUID);
    }

    @Override
    public String transferSyntaxUid() {
        return syntax.uid();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (syntax.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                // finish() but never close(): the caller owns the stream
                DeflaterOutputStream deflating = new DeflaterOutputStream(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() {
                    }
                }, deflater, 16 * 1024);
                new DicomWriter(deflating, syntax, WriteOptions.DEFAULT).writeDataSet(dataSet);
                deflating.finish();
                if (deflater.getBytesWritten() % 2 != 0) {
                    out.write(0); // PS3.5 A.5: an odd-length deflated bitstream gets one trailing NUL
                }
            } finally {
                deflater.end();
            }
        } else {
            new DicomWriter(out, syntax, WriteOptions.DEFAULT).writeDataSet(dataSet);
        }
    }

    @Override
    public DataSetSource transcodedTo(String transferSyntaxUid) {
        TransferSyntax target = TransferSyntax.of(transferSyntaxUid);
        return syntax.isNative() && target.isNative() ? new EncodedDataSet(dataSet, transferSyntaxUid) : null;
    }
}

package org.dicomflow.net;

import java.io.IOException;
import java.io.OutputStream;

import org.dicomflow.dicom.DataSet;

/**
 * A composite object to send with C-STORE: what the presentation context is chosen by (SOP class,
 * transfer syntax) and the data set bytes, written when the request goes out. The bytes are streamed,
 * so an implementation should copy or encode them on demand, never hold a large object in memory.
 */
public interface DataSetSource {
    String sopClassUid();

    String sopInstanceUid();

    /** The syntax {@link #writeTo} writes in. */
    String transferSyntaxUid();

    /** Writes the data set (no file meta information) in {@link #transferSyntaxUid()}. */
    void writeTo(OutputStream out) throws IOException;

    /**
     * The same object in another native syntax, for a peer that did not accept ours; {@code null} when
     * this source cannot convert (compressed pixel data). Any parsing happens here, before a byte of the
     * request is sent, so a broken object fails alone and the association goes on.
     */
    default DataSetSource transcodedTo(String transferSyntaxUid) throws IOException {
        return null;
    }

    /** A data set to be encoded in {@code transferSyntaxUid} while it is sent; bulk data is streamed from its file. */
    static DataSetSource of(DataSet dataSet, String transferSyntaxUid) {
        return new EncodedDataSet(dataSet, transferSyntaxUid);
    }
}

package org.dicomflow.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumMap;
import java.util.Map;

import org.dicomflow.dicom.DataSet;
import org.dicomflow.dicom.ElementDictionary;
import org.dicomflow.dicom.Tag;
import org.dicomflow.dicom.io.DicomReader;
import org.dicomflow.dicom.io.ReadOptions;

/**
 * What the index keeps of one instance file, read from the file itself: the values of the
 * {@link IndexedAttribute}s, the file's size and modification time. The same reading serves a received
 * instance and a scanned one, so a reindex gives back the rows that storing gave.
 *
 * @param header the data set's elements before group 0021: every indexed attribute lies there, pixel data
 *               and large private groups do not
 */
public record IndexedInstance(Map<IndexedAttribute, String> values, long fileSize, long fileModified, DataSet header) {

    /** First tag not read: the patient, study, series and instance attributes all come before it. */
    private static final int END_OF_HEADER = 0x00210000;

    /**
     * Reads the file meta information and the data set's header.
     *
     * @throws IOException the file cannot be read or is not DICOM (a {@link org.dicomflow.dicom.DicomFormatException}
     *         says where)
     */
    public static IndexedInstance read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * As {@link #read(Path)}, from {@code content} when it is not null: the file's whole content, still in memory
     * from writing it.
     */
    public static IndexedInstance read(Path file, ByteBuffer content) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        DataSet meta;
        DataSet header;
        String syntax;
        try (DicomReader reader = content == null ? new DicomReader(file)
                : new DicomReader(content.array(), content.arrayOffset() + content.position(), content.remaining())) {
            meta = reader.fileMeta();
            syntax = reader.transferSyntax().uid();
            header = reader.withOptions(ReadOptions.DEFAULT.withStopBefore(END_OF_HEADER)
                    .withBulkData(ReadOptions.BulkDataPolicy.SKIP)).readDataSet();
        } catch (RuntimeException e) {
            // a value the decoder chokes on is a format problem of this file, not a bug to propagate
            throw new IOException("cannot read " + file.getFileName() + ": " + e, e);
        }
        Map<IndexedAttribute, String> values = new EnumMap<>(IndexedAttribute.class);
        for (IndexedAttribute a : IndexedAttribute.values()) {
            values.put(a, a.normalize(text(header, a.tag())));
        }
        // the data set's own UIDs win; a data set without them is described by its meta information
        if (values.get(IndexedAttribute.SOP_INSTANCE_UID).isEmpty() && meta != null) {
            values.put(IndexedAttribute.SOP_INSTANCE_UID, text(meta, Tag.MediaStorageSOPInstanceUID));
        }
        if (values.get(IndexedAttribute.SOP_CLASS_UID).isEmpty() && meta != null) {
            values.put(IndexedAttribute.SOP_CLASS_UID, text(meta, Tag.MediaStorageSOPClassUID));
        }
        values.put(IndexedAttribute.TRANSFER_SYNTAX_UID, syntax);
        return new IndexedInstance(values, attrs.size(), attrs.lastModifiedTime().toMillis(), header);
    }

    /** The first value as text, '' if absent, empty or undecodable. */
    private static String text(DataSet ds, int tag) {
        try {
            String s = ds.getString(tag);
            return s == null ? "" : s;
        } catch (RuntimeException e) {
            return "";
        }
    }

    public String get(IndexedAttribute attribute) {
        return values.get(attribute);
    }

    /**
     * The value of {@code level}'s {@linkplain QueryLevel#keyColumn() key column}. Patients are told apart by
     * Patient ID and issuer; patients without an ID by their name, so that unrelated studies without a
     * Patient ID do not end up as one patient.
     */
    public String key(QueryLevel level) {
        if (level != QueryLevel.PATIENT) {
            return get(IndexedAttribute.uniqueKey(level));
        }
        String id = get(IndexedAttribute.PATIENT_ID);
        // a backslash never occurs in one value, so the two forms cannot collide
        return id.isEmpty() ? "\\" + get(IndexedAttribute.PATIENT_NAME) : id + "\\" + get(IndexedAttribute.ISSUER_OF_PATIENT_ID);
    }

    public String sopInstanceUid() {
        return get(IndexedAttribute.SOP_INSTANCE_UID);
    }

    public String seriesInstanceUid() {
        return get(IndexedAttribute.SERIES_INSTANCE_UID);
    }

    public String studyInstanceUid() {
        return get(IndexedAttribute.STUDY_INSTANCE_UID);
    }

    /** Why this instance cannot be archived (a UID that is missing or not safe in a path), or null. */
    public String problem() {
        String cuid = get(IndexedAttribute.SOP_CLASS_UID);
        if (cuid.isEmpty() || cuid.length() > 64) {
            return cuid.isEmpty() ? "no SOPClassUID" : "invalid SOPClassUID '" + abbreviate(cuid) + "'";
        }
        for (IndexedAttribute a : new IndexedAttribute[] { IndexedAttribute.STUDY_INSTANCE_UID,
                IndexedAttribute.SERIES_INSTANCE_UID, IndexedAttribute.SOP_INSTANCE_UID }) {
            String uid = get(a);
            if (!ArchiveLayout.isSafeUid(uid)) {
                String keyword = ElementDictionary.keywordOf(a.tag());
                return uid.isEmpty() ? "no " + keyword : "invalid " + keyword + " '" + abbreviate(uid) + "'";
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 70 ? s : s.substring(0, 67) + "...";
    }
}

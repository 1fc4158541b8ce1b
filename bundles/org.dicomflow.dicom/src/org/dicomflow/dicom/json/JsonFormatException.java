package org.dicomflow.dicom.json;

/**
 * Input that is not JSON, or not DICOM JSON (PS3.18 F.2). The message says what is wrong and where: line,
 * column and character offset for syntax errors, the path of the element (e.g. {@code /00081111/Value/0/00081150})
 * for content that is valid JSON but not a valid DICOM JSON model.
 *
 * <p>Unchecked like {@link IllegalArgumentException}: callers parsing a string literal should not need a
 * try block, and callers reading untrusted input catch this one type for every kind of bad input.
 */
public class JsonFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long line;
    private final long column;

    /** A syntax error at a position of the JSON text (offset counts chars from 0; line and column from 1). */
    public JsonFormatException(String problem, long offset, long line, long column) {
        super(problem + " at line " + line + ", column " + column + " (offset " + offset + ")");
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** A content error: well-formed JSON that is not a DICOM JSON model; {@code path} locates the offending member. */
    public JsonFormatException(String problem, String path) {
        super(problem + " at " + (path.isEmpty() ? "/" : path));
        this.offset = -1;
        this.line = -1;
        this.column = -1;
    }

    /** Character offset of a syntax error, -1 for a content error. */
    public long offset() {
        return offset;
    }

    /** Line (from 1) of a syntax error, -1 for a content error. */
    public long line() {
        return line;
    }

    /** Column (from 1) of a syntax error, -1 for a content error. */
    public long column() {
        return column;
    }
}

package org.dicomflow.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dicomflow.dicom.TransferSyntax;
import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.UIDDictionary;
import org.dicomflow.net.AssociationRequest;
import org.dicomflow.net.StorageSopClasses;

/**
 * The storage presentation contexts {@code dicomflow get} proposes with the SCP role, within PS3.8's 128.
 * <p>
 * A C-GET peer sends each instance on a context accepted for its SOP class, in one syntax per context: it
 * converts native data between native syntaxes, but compressed data goes out only as it is held (our node,
 * dcmqrscp) or after a decompression that changes a lossy image and that not every peer can do (Orthanc cannot
 * decode JPEG 2000). Storing what arrives, we want every instance as it is held, so each compressed syntax
 * needs a context of its own per class, and 128 contexts do not cover every class in every syntax. Hence:
 * <ul>
 * <li>the classes the peer said it holds ({@link HeldSopClasses}), each with one context for native data
 * (Explicit or Implicit VR LE) and one per compressed syntax it said it holds them in, or, when it did not say,
 * per syntax of {@link #COMMON_COMPRESSED}; then, as far as room is left, the other classes of
 * {@link StorageSopClasses#RETRIEVE} native only, in case its C-FIND saw less than its C-GET sends;</li>
 * <li>when the peer did not say which classes it holds (no C-FIND, or matches without SOP Class UID, as from
 * dcmqrscp), the {@link #IMAGE_CLASSES}, which archives often hold compressed, natively and in every syntax of
 * {@link #COMMON_COMPRESSED} (108 contexts), then natively the {@link #OTHER_CLASSES} most studies come with,
 * as many as fit;</li>
 * <li>{@code --accept-ts} replaces the syntaxes of every class (native ones share a context).</li>
 * </ul>
 * Native contexts come first for each class because some peers (dcmqrscp) send every instance of a class on
 * the first context accepted for it: they go on sending uncompressed data as before.
 * When the wanted contexts do not all fit, native ones go first, then the syntaxes the peer named, then the
 * more common guesses (the order of the lists), so that what is left out is the least likely to be needed.
 */
final class GetProposal {

    /**
     * The compressed syntaxes PACS and modalities commonly store, most common first: JPEG Lossless SV1 (the
     * classic lossless PACS syntax), JPEG Baseline (US, XA, SC, visible light), JPEG 2000 lossless and lossy
     * (many archives compress to it), JPEG-LS lossless, RLE (US, secondary capture), JPEG Extended 12-bit
     * (older CR, DX and MG) and Deflate (mostly structured reports).
     */
    static final List<String> COMMON_COMPRESSED = List.of(UID.JPEGLosslessSV1, UID.JPEGBaseline8Bit,
            UID.JPEG2000Lossless, UID.JPEG2000, UID.JPEGLSLossless, UID.RLELossless, UID.JPEGExtended12Bit,
            UID.DeflatedExplicitVRLittleEndian);

    /** Native data is converted to either by the sender: one context for both. */
    static final List<String> NATIVE = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);

    /** The image classes archives commonly hold compressed: 12 x (1 + 8) = 108 contexts. */
    static final List<String> IMAGE_CLASSES = List.of(UID.CTImageStorage, UID.MRImageStorage,
            UID.ComputedRadiographyImageStorage, UID.DigitalXRayImageStorageForPresentation,
            UID.DigitalMammographyXRayImageStorageForPresentation, UID.UltrasoundImageStorage,
            UID.UltrasoundMultiFrameImageStorage, UID.XRayAngiographicImageStorage, UID.SecondaryCaptureImageStorage,
            UID.NuclearMedicineImageStorage, UID.PositronEmissionTomographyImageStorage, UID.RTImageStorage);

    /**
     * The other objects most studies come with, native only, most common first: presentation states, key
     * objects, reports, documents, segmentations, RT objects, enhanced and for-processing images. The 19 fill
     * the 128 contexts up with {@link #IMAGE_CLASSES}; with fewer syntaxes ({@code --accept-ts}) the rest of
     * {@link StorageSopClasses#RETRIEVE} follows.
     */
    static final List<String> OTHER_CLASSES = List.of(UID.GrayscaleSoftcopyPresentationStateStorage,
            UID.KeyObjectSelectionDocumentStorage, UID.BasicTextSRStorage, UID.EnhancedSRStorage,
            UID.ComprehensiveSRStorage, UID.XRayRadiationDoseSRStorage, UID.EncapsulatedPDFStorage,
            UID.SegmentationStorage, UID.RTStructureSetStorage, UID.RTPlanStorage, UID.RTDoseStorage,
            UID.EnhancedCTImageStorage, UID.EnhancedMRImageStorage, UID.DigitalXRayImageStorageForProcessing,
            UID.DigitalMammographyXRayImageStorageForProcessing, UID.BreastTomosynthesisImageStorage,
            UID.XRayRadiofluoroscopicImageStorage, UID.MultiFrameTrueColorSecondaryCaptureImageStorage,
            UID.VLPhotographicImageStorage);

    private static final int MAX_CONTEXTS = 128;

    /** One presentation context: a class in these syntaxes. */
    private record Context(String sopClass, List<String> syntaxes) {
        @Override
        public String toString() {
            return name(sopClass) + " in " + String.join(" or ", syntaxes.stream().map(GetProposal::name).toList());
        }
    }

    private final AssociationRequest request;
    private final List<Context> leftOut;

    private GetProposal(AssociationRequest request, List<Context> leftOut) {
        this.request = request;
        this.leftOut = leftOut;
    }

    /**
     * Adds the storage contexts to {@code request} (which holds the query/retrieve context).
     *
     * @param held SOP class -> the syntaxes the peer holds it in (empty: it did not say); null or empty when
     *        it did not say which classes it holds
     * @param acceptTs the syntaxes to take every class in, or null for the defaults
     */
    static GetProposal of(AssociationRequest request, Map<String, Set<String>> held, List<String> acceptTs) {
        boolean told = held != null && !held.isEmpty();
        List<String> primary = told ? List.copyOf(held.keySet()) : IMAGE_CLASSES;
        LinkedHashSet<String> secondary = new LinkedHashSet<>();
        if (!told) {
            secondary.addAll(OTHER_CLASSES);
        }
        secondary.addAll(StorageSopClasses.RETRIEVE);
        secondary.removeAll(primary);

        List<Context> wanted = new ArrayList<>();
        List<Context> named = new ArrayList<>();
        List<List<Context>> guessed = new ArrayList<>();
        for (String cuid : primary) {
            Set<String> heldSyntaxes = told ? held.get(cuid) : Set.of();
            boolean exact = acceptTs == null && !heldSyntaxes.isEmpty();
            List<String> syntaxes = acceptTs != null ? acceptTs : exact ? List.copyOf(heldSyntaxes) : COMMON_COMPRESSED;
            List<String> nativeOnes = acceptTs != null ? natives(acceptTs) : NATIVE;
            if (!nativeOnes.isEmpty()) {
                wanted.add(new Context(cuid, nativeOnes));
            }
            List<String> encoded = syntaxes.stream().filter(ts -> !isPlainNative(ts)).toList();
            for (int i = 0; i < encoded.size(); i++) {
                Context c = new Context(cuid, List.of(encoded.get(i)));
                if (exact) {
                    named.add(c);
                } else {
                    while (guessed.size() <= i) {
                        guessed.add(new ArrayList<>());
                    }
                    guessed.get(i).add(c);
                }
            }
        }
        wanted.addAll(named);
        // syntax by syntax across the classes: what does not fit are the least common syntaxes
        guessed.forEach(wanted::addAll);

        List<String> spareSyntaxes = acceptTs != null ? natives(acceptTs) : NATIVE;
        List<Context> spare = new ArrayList<>();
        if (!spareSyntaxes.isEmpty()) {
            secondary.forEach(cuid -> spare.add(new Context(cuid, spareSyntaxes)));
        }

        int room = MAX_CONTEXTS - request.contexts().size();
        List<Context> taken = new ArrayList<>(wanted.subList(0, Math.min(room, wanted.size())));
        List<Context> leftOut = List.copyOf(wanted.subList(taken.size(), wanted.size()));
        taken.addAll(spare.subList(0, Math.min(room - taken.size(), spare.size())));
        AssociationRequest rq = request;
        for (Context c : taken) {
            rq = rq.withStorageScpRole(List.of(c.sopClass()), c.syntaxes().toArray(String[]::new));
        }
        return new GetProposal(rq, leftOut);
    }

    /** The request with the storage contexts and SCP roles. */
    AssociationRequest request() {
        return request;
    }

    /** The wanted contexts that did not fit, described for a warning; empty when all fit. */
    List<String> leftOut() {
        return leftOut.stream().map(Context::toString).toList();
    }

    /** Uncompressed and not deflated: the sender can convert such data to any other of them. */
    private static boolean isPlainNative(String ts) {
        TransferSyntax t = TransferSyntax.of(ts);
        return t.isNative() && !t.deflated();
    }

    private static List<String> natives(List<String> syntaxes) {
        return syntaxes.stream().filter(GetProposal::isPlainNative).toList();
    }

    private static String name(String uid) {
        String name = UIDDictionary.nameOf(uid);
        return name == null ? uid : name;
    }
}

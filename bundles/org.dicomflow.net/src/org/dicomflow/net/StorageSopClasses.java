package org.dicomflow.net;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.UIDDictionary;

/** Storage SOP classes, taken from the generated UID registry rather than typed by hand. */
public final class StorageSopClasses {
    /**
     * Every non-retired SOP class whose name ends with "Storage" (image, waveform, SR, RT, ...
     * storage) or "Storage - For Presentation/Processing" (DX, MG, IO, breast projection); the order is not significant. More than 128: an SCU must pick the ones it needs.
     */
    public static final List<String> ALL = collect();

    /**
     * The storage SOP classes a C-GET SCU proposes to receive by default: 120 classes, so that with the
     * query/retrieve contexts (up to 8) one association stays within PS3.8's 128 presentation contexts.
     * Chosen as the classes an archive of clinical images is likely to hold: every image storage class of
     * the common modalities (CT, MR, CR, DX, MG, IO, US, XA/XRF, NM, PET, RT, secondary capture,
     * visible light, ophthalmic, whole slide), the structured reports, presentation states, key objects,
     * encapsulated documents, segmentation and registration, RT objects, and the common waveforms. Left
     * out: rarely archived or newer niche classes (DICOS, eddy current, procedure protocols, implant
     * templates, hanging protocols, color palettes, ophthalmic measurements and reports, most volumetric presentation states, RT second-generation);
     * an application that needs them passes its own list to
     * {@link AssociationRequest#withStorageScpRole}.
     */
    public static final List<String> RETRIEVE = List.of(
            // CT, MR, PET, NM
            UID.CTImageStorage, UID.EnhancedCTImageStorage, UID.LegacyConvertedEnhancedCTImageStorage,
            UID.MRImageStorage, UID.EnhancedMRImageStorage, UID.EnhancedMRColorImageStorage,
            UID.LegacyConvertedEnhancedMRImageStorage, UID.MRSpectroscopyStorage,
            UID.PositronEmissionTomographyImageStorage, UID.EnhancedPETImageStorage,
            UID.LegacyConvertedEnhancedPETImageStorage, UID.NuclearMedicineImageStorage,
            // projection radiography and mammography
            UID.ComputedRadiographyImageStorage, UID.DigitalXRayImageStorageForPresentation,
            UID.DigitalXRayImageStorageForProcessing, UID.DigitalMammographyXRayImageStorageForPresentation,
            UID.DigitalMammographyXRayImageStorageForProcessing, UID.DigitalIntraOralXRayImageStorageForPresentation,
            UID.DigitalIntraOralXRayImageStorageForProcessing, UID.BreastTomosynthesisImageStorage,
            UID.BreastProjectionXRayImageStorageForPresentation, UID.BreastProjectionXRayImageStorageForProcessing,
            UID.XRayAngiographicImageStorage, UID.EnhancedXAImageStorage, UID.XRayRadiofluoroscopicImageStorage,
            UID.EnhancedXRFImageStorage, UID.XRay3DAngiographicImageStorage, UID.XRay3DCraniofacialImageStorage,
            // ultrasound
            UID.UltrasoundImageStorage, UID.UltrasoundMultiFrameImageStorage, UID.EnhancedUSVolumeStorage,
            // secondary capture
            UID.SecondaryCaptureImageStorage, UID.MultiFrameSingleBitSecondaryCaptureImageStorage,
            UID.MultiFrameGrayscaleByteSecondaryCaptureImageStorage,
            UID.MultiFrameGrayscaleWordSecondaryCaptureImageStorage,
            UID.MultiFrameTrueColorSecondaryCaptureImageStorage,
            // visible light, ophthalmic, pathology
            UID.VLEndoscopicImageStorage, UID.VideoEndoscopicImageStorage, UID.VLMicroscopicImageStorage,
            UID.VideoMicroscopicImageStorage, UID.VLSlideCoordinatesMicroscopicImageStorage,
            UID.VLPhotographicImageStorage, UID.VideoPhotographicImageStorage,
            UID.OphthalmicPhotography8BitImageStorage, UID.OphthalmicPhotography16BitImageStorage,
            UID.OphthalmicTomographyImageStorage, UID.WideFieldOphthalmicPhotographyStereographicProjectionImageStorage,
            UID.WideFieldOphthalmicPhotography3DCoordinatesImageStorage,
            UID.OphthalmicOpticalCoherenceTomographyEnFaceImageStorage,
            UID.OphthalmicOpticalCoherenceTomographyBscanVolumeAnalysisStorage, UID.OphthalmicThicknessMapStorage,
            UID.CornealTopographyMapStorage, UID.VLWholeSlideMicroscopyImageStorage,
            UID.DermoscopicPhotographyImageStorage,
            // derived objects
            UID.ParametricMapStorage, UID.SegmentationStorage, UID.SurfaceSegmentationStorage,
            UID.SpatialRegistrationStorage, UID.DeformableSpatialRegistrationStorage, UID.SpatialFiducialsStorage,
            UID.RealWorldValueMappingStorage, UID.RawDataStorage, UID.StereometricRelationshipStorage,
            UID.SurfaceScanMeshStorage, UID.SurfaceScanPointCloudStorage, UID.TractographyResultsStorage,
            UID.BasicStructuredDisplayStorage,
            // presentation states
            UID.GrayscaleSoftcopyPresentationStateStorage, UID.ColorSoftcopyPresentationStateStorage,
            UID.PseudoColorSoftcopyPresentationStateStorage, UID.BlendingSoftcopyPresentationStateStorage,
            UID.XAXRFGrayscaleSoftcopyPresentationStateStorage,
            // structured reports and key objects
            UID.BasicTextSRStorage, UID.EnhancedSRStorage, UID.ComprehensiveSRStorage, UID.Comprehensive3DSRStorage,
            UID.ExtensibleSRStorage, UID.ProcedureLogStorage, UID.MammographyCADSRStorage,
            UID.KeyObjectSelectionDocumentStorage, UID.ChestCADSRStorage, UID.XRayRadiationDoseSRStorage,
            UID.RadiopharmaceuticalRadiationDoseSRStorage, UID.ColonCADSRStorage, UID.ImplantationPlanSRStorage,
            UID.AcquisitionContextSRStorage, UID.SimplifiedAdultEchoSRStorage, UID.PatientRadiationDoseSRStorage,
            UID.EnhancedXRayRadiationDoseSRStorage, UID.ContentAssessmentResultsStorage,
            // encapsulated documents
            UID.EncapsulatedPDFStorage, UID.EncapsulatedCDAStorage, UID.EncapsulatedSTLStorage,
            UID.EncapsulatedOBJStorage, UID.EncapsulatedMTLStorage,
            // radiotherapy
            UID.RTImageStorage, UID.RTDoseStorage, UID.RTStructureSetStorage, UID.RTPlanStorage,
            UID.RTBeamsTreatmentRecordStorage, UID.RTBrachyTreatmentRecordStorage,
            UID.RTTreatmentSummaryRecordStorage, UID.RTIonPlanStorage, UID.RTIonBeamsTreatmentRecordStorage,
            UID.RTBeamsDeliveryInstructionStorage, UID.RTBrachyApplicationSetupDeliveryInstructionStorage,
            // waveforms
            UID.TwelveLeadECGWaveformStorage, UID.GeneralECGWaveformStorage, UID.AmbulatoryECGWaveformStorage,
            UID.HemodynamicWaveformStorage, UID.CardiacElectrophysiologyWaveformStorage,
            UID.BasicVoiceAudioWaveformStorage, UID.GeneralAudioWaveformStorage, UID.ArterialPulseWaveformStorage,
            UID.RespiratoryWaveformStorage, UID.MultichannelRespiratoryWaveformStorage,
            UID.RoutineScalpElectroencephalogramWaveformStorage, UID.ElectromyogramWaveformStorage,
            UID.ElectrooculogramWaveformStorage, UID.SleepElectroencephalogramWaveformStorage);

    private StorageSopClasses() {
    }

    private static List<String> collect() {
        List<String> uids = new ArrayList<>();
        for (Field f : UID.class.getFields()) {
            if (f.getType() != String.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                String uid = (String) f.get(null);
                String name = UIDDictionary.nameOf(uid);
                // "Storage - For Presentation/Processing" (DX, MG, IO, breast projection) are storage too
                if ("SOP Class".equals(UIDDictionary.typeOf(uid)) && !UIDDictionary.isRetired(uid) && name != null
                        && (name.endsWith("Storage") || name.contains(" Storage - For "))
                        && !uids.contains(uid)) {
                    uids.add(uid);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return List.copyOf(uids);
    }
}

#pragma once
// A shot: one camera set-up with its body, lens, exposure and pose.
#include <string>

#include "previs/camera_pose.h"
#include "previs/lens.h"
#include "previs/rig.h"
#include "previs/sensor.h"

namespace sr::previs {

struct Shot {
    std::string name;          // unique within a project, for people ("12A")
    Sensor sensor;             // the camera body's recording area
    float outputAspect = 0.0f; // the delivered picture's aspect; <= 0: the sensor's own
    std::string lensId;        // a lens preset id, or empty
    float focalLengthMm = 35.0f;
    float fStop = 2.8f;
    float focusDistanceM = 3.0f; // from the focal plane
    CameraPose pose;
    Rig rig;

    // The part of the sensor the delivered picture uses.
    Filmback filmback() const { return croppedFilmback(sensor, outputAspect); }
    FieldOfView fieldOfView() const { return previs::fieldOfView(filmback(), focalLengthMm); }
    // Depth of field with the circle of confusion of the delivered picture's diagonal.
    DepthOfField depthOfField() const {
        return previs::depthOfField(focalLengthMm, fStop, focusDistanceM, circleOfConfusionMm(filmback()));
    }
};

} // namespace sr::previs

#pragma once

#include <QJsonObject>
#include <QStringList>

namespace civicdesk {

class IntakeSession;

// The trainee's intake as a live practice call shows it to the trainer, read only: the contact,
// the caller as typed, the type and its answers (each with its question), the description, the
// place, the duplicates shown, the outcome and the number given. Plain JSON, so it travels
// through the practice channel and nothing on the trainer's side can write it back.
QJsonObject intakeMirror(const IntakeSession &session);

// The mirror as "label: value" lines for the trainer's read-only view (labels translated).
QStringList intakeMirrorLines(const QJsonObject &mirror);

} // namespace civicdesk

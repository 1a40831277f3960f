#pragma once

#include "models/intake/intakesession.h"

#include <QCoreApplication>

class QWidget;

namespace civicdesk {

// The questions the intake asks before it acts, each answered in one keystroke (the mnemonics).
class IntakeDialogs
{
    Q_DECLARE_TR_FUNCTIONS(IntakeDialogs)

public:
    // Open candidates nearby (`lines`, as listed): attach the caller to `number`, create the
    // request anyway with a reason (in `reason`), or go back.
    static IntakeSession::DuplicateDecision askAboutDuplicates(QWidget *parent,
                                                               const QStringList &lines,
                                                               const QString &number,
                                                               QString *reason);

    enum class Unsubmitted
    {
        Submit,
        Discard,
        GoBack
    };
    // Finishing the contact with a request on the form that was not submitted.
    static Unsubmitted askAboutUnsubmitted(QWidget *parent);
};

} // namespace civicdesk

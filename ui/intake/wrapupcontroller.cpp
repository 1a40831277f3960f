#include "ui/intake/wrapupcontroller.h"

#include "models/intake/intakesession.h"
#include "ui/intake/wrapupbox.h"

#include <QComboBox>
#include <QLineEdit>

namespace civicdesk {

WrapUpController::WrapUpController(IntakeSession &session, WrapUpBox &box, QObject *parent)
    : QObject(parent), m_session(session), m_box(box)
{
    connect(&session, &IntakeSession::outcomeChanged, this, &WrapUpController::showOutcome);
    connect(&session, &IntakeSession::transferChanged, this, [this] {
        if (m_box.transferEdit()->text() != m_session.transferTo())
            m_box.transferEdit()->setText(m_session.transferTo());
    });
    QComboBox *outcome = box.outcomeCombo();
    connect(outcome, &QComboBox::currentIndexChanged, this, [this, outcome] {
        updateTransferField();
        m_session.setOutcome(outcomeFromName(outcome->currentData().toString()));
    });
    connect(box.transferEdit(), &QLineEdit::textChanged, this,
            [this](const QString &text) { m_session.setTransferTo(text); });
}

void WrapUpController::showOutcome()
{
    QComboBox *outcomes = m_box.outcomeCombo();
    const auto outcome = m_session.outcome();
    outcomes->setCurrentIndex(outcome ? std::max(0, outcomes->findData(outcomeName(*outcome))) : 0);
    updateTransferField();
}

void WrapUpController::updateTransferField()
{
    m_box.transferEdit()->setEnabled(
        m_box.outcomeCombo()->currentData().toString().endsWith(u"transfer"));
}

} // namespace civicdesk

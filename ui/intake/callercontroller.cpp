#include "ui/intake/callercontroller.h"

#include "models/intake/intakesession.h"
#include "ui/intake/callerbox.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>

namespace civicdesk {

CallerController::CallerController(IntakeSession &session, CallerBox &box,
                                   std::function<QString()> callLanguage, QObject *parent)
    : QObject(parent), m_session(session), m_box(box), m_callLanguage(std::move(callLanguage))
{
    QComboBox *language = box.languageCombo();
    connect(language, &QComboBox::currentIndexChanged, this, [this, language] {
        const QString code = language->currentData().toString();
        if (code.isEmpty())
            return;
        m_session.setCallerLanguage(code);
        emit languageChanged(code);
    });
    QComboBox *preference = box.preferenceCombo();
    connect(preference, &QComboBox::currentIndexChanged, this, [this, preference] {
        if (preference->currentIndex() >= 0)
            m_session.setCallerPreference(ContactPreference(preference->currentData().toInt()));
    });
    connect(&box, &CallerBox::matchChosen, this, &CallerController::pickCaller);
    for (QLineEdit *edit : {box.phoneEdit(), box.nameEdit(), box.emailEdit()}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_session.setCallerTyped(m_box.phoneEdit()->text(), m_box.nameEdit()->text(),
                                     m_box.emailEdit()->text());
            findCallers();
            emit edited();
        });
    }
}

void CallerController::findCallers()
{
    const QString text = m_session.callerSearchText();
    const QList<CallerMatch> matches = m_session.findCallers(8);
    m_box.showMatches(matches);
    m_box.statusLabel()->setText(m_session.callerId().isEmpty() && !text.isEmpty() &&
                                         matches.isEmpty()
                                     ? tr("New caller: saved with the request.")
                                     : QString());
}

void CallerController::pickCaller(int row)
{
    QListWidgetItem *item = m_box.matchList()->item(row);
    if (!item)
        return;
    const auto caller = m_session.chooseCaller(item->data(Qt::UserRole).toString());
    if (!caller)
        return;
    m_box.showCaller(*caller);
    // The phone system's language (the IVR choice) is this call's: it stays.
    if (const QString language = m_callLanguage(); !language.isEmpty())
        m_box.setLanguage(language);
    m_box.statusLabel()->setText(tr("Returning caller: %1").arg(item->text()));
    emit callerChosen();
}

} // namespace civicdesk

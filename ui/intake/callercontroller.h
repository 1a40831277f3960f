#pragma once

#include <QObject>
#include <functional>

namespace civicdesk {

class CallerBox;
class IntakeSession;

// The caller box bound to the session: what the agent types looks up the callers on file, a
// match chosen becomes the contact's caller (keeping the language the phone system gave), and
// language and contact preference follow the combo boxes.
class CallerController : public QObject
{
    Q_OBJECT

public:
    // `callLanguage`: the language of the call on the line, empty when none.
    CallerController(IntakeSession &session, CallerBox &box, std::function<QString()> callLanguage,
                     QObject *parent = nullptr);

signals:
    // Phone, name or email typed (the draft follows).
    void edited();
    // A caller on file was chosen: the agent goes on to the request type.
    void callerChosen();
    void languageChanged(const QString &language);

private:
    void findCallers();
    void pickCaller(int row);

    IntakeSession &m_session;
    CallerBox &m_box;
    std::function<QString()> m_callLanguage;
};

} // namespace civicdesk

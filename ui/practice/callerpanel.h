#pragma once

#include "models/practice/scenarios/scenario.h"

#include <QHash>
#include <QWidget>
#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace civicdesk {

class CallerVoice;

// The scripted caller of a practice run: the opening line, then one fact each time the
// trainee asks for it, a key per kind of question (F5 where, F6 what happened, F7 who is
// calling, F8 the type's next question, F9 the request number, Shift+F9 the number read back
// to the caller), always in the scenario's language.
class CallerPanel : public QWidget
{
    Q_OBJECT

public:
    // `seedNumbers`: the numbers the practice store gave the seeded requests (a status caller
    // reads one); `lastNumber`: the number the intake last gave or attached to.
    CallerPanel(const Scenario &scenario, QHash<QString, QString> seedNumbers,
                std::function<QString()> lastNumber, QWidget *parent = nullptr);

    void ask(FactKind kind);
    // The trainee reads the number back; the caller confirms it (or asks which number).
    void hearReadBack();
    // The caller's lines so far.
    QStringList transcript() const;
    // A trainer plays the caller live: the script is set aside, every question (the keys, or a
    // question typed in the line below the transcript) goes to `sendQuestion`, and the caller's
    // lines are the trainer's (hearLine).
    void setLiveCaller(std::function<void(const QString &)> sendQuestion);
    bool isLive() const { return bool(m_sendQuestion); }
    // The live caller (the trainer) said `line`.
    void hearLine(const QString &line);
    // The live call ended (the trainer ended it, or it could not go on).
    void liveEnded(const QString &reason);
    // Something the trainee should know about the live call (a question that did not go out).
    void liveNotice(const QString &message);
    QLineEdit *questionEdit() const { return m_question; }
    // The caller's lines are spoken by `voice` too when it is on (null: shown only). Set with the
    // voice on, the caller's last line (the opening, as a run starts) is spoken at once.
    void setVoice(CallerVoice *voice);
    // The voice was turned on or off (or could not be): the transcript says which, and why not;
    // turned on, the caller's last line is spoken again.
    void voiceSwitched();

signals:
    // The trainee read `number` back to the caller.
    void numberReadBack(const QString &number);

protected:
    void changeEvent(QEvent *event) override;

private:
    void say(const QString &line, const QString &who);
    void askLive(const QString &question);
    void retranslate();
    // Words the caller says when the scenario has no line for it, in the caller's language.
    QString phrase(const char *key) const;

    Scenario m_scenario;
    QHash<QString, QString> m_seedNumbers;
    std::function<QString()> m_lastNumber;
    int m_nextAnswer = 0;
    int m_numberAsked = 0;
    QLabel *m_title;
    QLabel *m_hint;
    QListWidget *m_lines;
    QList<std::pair<QPushButton *, FactKind>> m_askButtons;
    QPushButton *m_readBack;
    QLineEdit *m_question;
    std::function<void(const QString &)> m_sendQuestion;
    CallerVoice *m_voice = nullptr;
    QString m_lastCallerLine;
    bool m_voiceProblemShown = false; // why a line was not spoken, said once
    QMetaObject::Connection m_voiceFailed;
};

} // namespace civicdesk

#pragma once

#include "models/practice/scenario.h"

#include <QHash>
#include <QWidget>
#include <functional>

class QLabel;
class QListWidget;
class QPushButton;

namespace civicdesk {

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

signals:
    // The trainee read `number` back to the caller.
    void numberReadBack(const QString &number);

protected:
    void changeEvent(QEvent *event) override;

private:
    void say(const QString &line, const QString &who);
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
};

} // namespace civicdesk

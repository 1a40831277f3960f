#include "ui/practice/callerpanel.h"

#include "ui/practice/callervoice.h"

#include <QAction>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

// What a caller says when the script has nothing more, in the caller's language (the
// scenario's language, not the interface's).
const QHash<QString, QHash<QString, QString>> &phrases()
{
    static const QHash<QString, QHash<QString, QString>> table = {
        {QStringLiteral("en"),
         {{QStringLiteral("anonymous"), QStringLiteral("I'd rather not give my name.")},
          {QStringLiteral("name"), QStringLiteral("My name is %1.")},
          {QStringLiteral("phone"), QStringLiteral("My number is %1.")},
          {QStringLiteral("unknown"), QStringLiteral("I don't know, sorry.")},
          {QStringLiteral("nothing"), QStringLiteral("That's all I know.")},
          {QStringLiteral("confirm"), QStringLiteral("%1 — yes, I wrote that down. Thank you.")},
          {QStringLiteral("which"), QStringLiteral("Sorry, which number?")},
          {QStringLiteral("number"), QStringLiteral("The number is %1.")},
          {QStringLiteral("again"), QStringLiteral("Oh, let me look again… it's %1.")}}},
        {QStringLiteral("es"),
         {{QStringLiteral("anonymous"), QStringLiteral("Prefiero no dar mi nombre.")},
          {QStringLiteral("name"), QStringLiteral("Me llamo %1.")},
          {QStringLiteral("phone"), QStringLiteral("Mi número es %1.")},
          {QStringLiteral("unknown"), QStringLiteral("No sé, lo siento.")},
          {QStringLiteral("nothing"), QStringLiteral("Eso es todo lo que sé.")},
          {QStringLiteral("confirm"), QStringLiteral("%1 — sí, ya lo anoté. Gracias.")},
          {QStringLiteral("which"), QStringLiteral("Perdón, ¿qué número?")},
          {QStringLiteral("number"), QStringLiteral("El número es %1.")},
          {QStringLiteral("again"), QStringLiteral("Ay, déjeme ver otra vez… es %1.")}}},
    };
    return table;
}

// The number as the caller first reads it: one character misheard (a check symbol or the
// city's case id catches it).
QString misheard(const QString &number)
{
    QString out = number;
    for (qsizetype i = out.size() - 2; i >= 0; --i) {
        const QChar c = out.at(i);
        if (c.isDigit()) {
            out[i] = QChar(u'0' + (c.digitValue() + 3) % 10);
            return out;
        }
        if (c.isLetter()) {
            out[i] = c == u'M' ? u'N' : u'M';
            return out;
        }
    }
    return out;
}

} // namespace

CallerPanel::CallerPanel(const Scenario &scenario, QHash<QString, QString> seedNumbers,
                         std::function<QString()> lastNumber, QWidget *parent)
    : QWidget(parent), m_scenario(scenario), m_seedNumbers(std::move(seedNumbers)),
      m_lastNumber(std::move(lastNumber)), m_title(new QLabel(this)), m_hint(new QLabel(this)),
      m_lines(new QListWidget(this)), m_readBack(new QPushButton(this)),
      m_question(new QLineEdit(this))
{
    setObjectName(QStringLiteral("callerPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    m_title->setObjectName(QStringLiteral("practiceScenarioTitleLabel"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);
    m_lines->setObjectName(QStringLiteral("callerLinesList"));
    m_lines->setWordWrap(true);
    m_lines->setFocusPolicy(Qt::NoFocus); // read, not visited: the keys ask the caller
    layout->addWidget(m_lines, 1);
    m_hint->setWordWrap(true);
    m_hint->hide(); // the buttons say it; kept for the accessible description

    const QList<std::tuple<FactKind, Qt::Key, QString>> asks = {
        {FactKind::Location, Qt::Key_F5, QStringLiteral("askLocationButton")},
        {FactKind::Details, Qt::Key_F6, QStringLiteral("askDetailsButton")},
        {FactKind::Caller, Qt::Key_F7, QStringLiteral("askCallerButton")},
        {FactKind::Question, Qt::Key_F8, QStringLiteral("askQuestionButton")},
        {FactKind::Number, Qt::Key_F9, QStringLiteral("askNumberButton")},
    };
    auto *buttons = new QGridLayout;
    // The keys work wherever the trainee is in the window (window actions); the buttons are
    // for the mouse and show the keys.
    auto addAsk = [this, buttons](QPushButton *button, const QKeySequence &key, int index,
                                  std::function<void()> slot) {
        auto *action = new QAction(this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        button->setFocusPolicy(Qt::NoFocus);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        buttons->addWidget(button, index / 3, index % 3);
    };
    int i = 0;
    for (const auto &[kind, key, name] : asks) {
        auto *button = new QPushButton(this);
        button->setObjectName(name);
        addAsk(button, QKeySequence(key), i++, [this, k = kind] { ask(k); });
        m_askButtons.append({button, kind});
    }
    m_readBack->setObjectName(QStringLiteral("readBackToCallerButton"));
    addAsk(m_readBack, QKeySequence(Qt::SHIFT | Qt::Key_F9), i, [this] { hearReadBack(); });
    layout->addLayout(buttons);
    // A live caller is asked in the trainee's own words too (hidden for a scripted caller).
    m_question->setObjectName(QStringLiteral("liveQuestionLineEdit"));
    m_question->setMaxLength(1000);
    m_question->hide();
    connect(m_question, &QLineEdit::returnPressed, this, [this] {
        const QString question = m_question->text().trimmed();
        if (question.isEmpty())
            return;
        m_question->clear();
        askLive(question);
    });
    layout->addWidget(m_question);
    // F4: to the question line from anywhere in the practice window (live calls only).
    auto *toQuestion = new QAction(this);
    toQuestion->setObjectName(QStringLiteral("askLiveCallerAction"));
    toQuestion->setShortcut(QKeySequence(Qt::Key_F4));
    toQuestion->setShortcutContext(Qt::WindowShortcut);
    connect(toQuestion, &QAction::triggered, this, [this] {
        if (m_question->isVisible() && m_question->isEnabled())
            m_question->setFocus(Qt::ShortcutFocusReason);
    });
    addAction(toQuestion);
    retranslate();
    say(m_scenario.opening, {});
}

QString CallerPanel::phrase(const char *key) const
{
    const auto &table = phrases();
    const auto language = table.find(m_scenario.language);
    const auto &words = language != table.end() ? *language : table.value(QStringLiteral("en"));
    return words.value(QString::fromLatin1(key));
}

void CallerPanel::say(const QString &line, const QString &who)
{
    auto *item = new QListWidgetItem(who.isEmpty() ? line : who + u": " + line, m_lines);
    item->setData(Qt::UserRole, line);
    m_lines->scrollToItem(item);
    if (!who.isEmpty())
        return;
    // The caller's own line: spoken too when the trainee turned the voice on.
    m_lastCallerLine = line;
    if (m_voice && m_voice->isOn() && !m_voice->speak(line, m_scenario.language) &&
        !m_voiceProblemShown) {
        m_voiceProblemShown = true;
        say(m_voice->status(), tr("Practice"));
    }
}

void CallerPanel::setVoice(CallerVoice *voice)
{
    disconnect(m_voiceFailed);
    m_voice = voice;
    if (m_voice)
        m_voiceFailed = connect(m_voice, &CallerVoice::failed, this, [this](const QString &why) {
            if (m_voiceProblemShown)
                return;
            m_voiceProblemShown = true;
            say(why, tr("Practice"));
        });
    if (m_voice && m_voice->isOn())
        voiceSwitched();
}

void CallerPanel::voiceSwitched()
{
    if (!m_voice)
        return;
    m_voiceProblemShown = false;
    if (!m_voice->isOn()) {
        // Turned off, or it could not be turned on (the reason).
        say(m_voice->status(), tr("Practice"));
        return;
    }
    say(m_voice->status(), tr("Practice"));
    if (!m_lastCallerLine.isEmpty() && !m_voice->speak(m_lastCallerLine, m_scenario.language)) {
        m_voiceProblemShown = true;
        say(m_voice->status(), tr("Practice"));
    }
}

QStringList CallerPanel::transcript() const
{
    QStringList lines;
    for (int i = 0; i < m_lines->count(); ++i)
        lines.append(m_lines->item(i)->data(Qt::UserRole).toString());
    return lines;
}

void CallerPanel::setLiveCaller(std::function<void(const QString &)> sendQuestion)
{
    m_sendQuestion = std::move(sendQuestion);
    m_lines->clear();
    m_lastCallerLine.clear(); // the script's opening is not the trainer's
    say(tr("Your trainer plays the caller: their lines appear here. Ask with the keys or type "
           "a question below (Enter sends it)."),
        tr("Practice"));
    m_question->show();
    retranslate();
}

void CallerPanel::askLive(const QString &question)
{
    say(question, tr("You asked"));
    if (m_sendQuestion)
        m_sendQuestion(question);
}

void CallerPanel::hearLine(const QString &line)
{
    say(line, {});
}

void CallerPanel::liveEnded(const QString &reason)
{
    say(reason, tr("Practice"));
    m_question->setEnabled(false);
}

void CallerPanel::liveNotice(const QString &message)
{
    say(message, tr("Practice"));
}

void CallerPanel::ask(FactKind kind)
{
    if (isLive()) {
        // The same keys, the trainer answers.
        switch (kind) {
        case FactKind::Location:
            return askLive(tr("Where is it?"));
        case FactKind::Details:
            return askLive(tr("What happened?"));
        case FactKind::Caller:
            return askLive(tr("Who is calling, and how can we reach you?"));
        case FactKind::Question:
            return askLive(tr("The form's next question"));
        case FactKind::Number:
            return askLive(tr("What is the request number?"));
        }
        return;
    }
    const QString you = tr("You asked");
    switch (kind) {
    case FactKind::Location:
        say(tr("Where is it?"), you);
        say(m_scenario.location.isEmpty() ? phrase("unknown") : m_scenario.location, {});
        return;
    case FactKind::Details:
        say(tr("What happened?"), you);
        say(m_scenario.details.isEmpty() ? phrase("unknown") : m_scenario.details, {});
        return;
    case FactKind::Caller: {
        say(tr("Who is calling, and how can we reach you?"), you);
        if (!m_scenario.callerLine.isEmpty()) {
            say(m_scenario.callerLine, {});
        } else if (m_scenario.caller.anonymous) {
            say(phrase("anonymous"), {});
        } else {
            QString line = phrase("name").arg(m_scenario.caller.name);
            if (!m_scenario.caller.phone.isEmpty())
                line += u' ' + phrase("phone").arg(m_scenario.caller.phone);
            say(line, {});
        }
        return;
    }
    case FactKind::Question:
        say(tr("The form's next question"), you);
        if (m_nextAnswer < m_scenario.answers.size())
            say(m_scenario.answers.at(m_nextAnswer++).say, {});
        else
            say(phrase("nothing"), {});
        return;
    case FactKind::Number: {
        say(tr("What is the request number?"), you);
        const QString number = m_seedNumbers.value(m_scenario.numberSeed);
        if (number.isEmpty()) {
            say(phrase("unknown"), {});
            return;
        }
        // A misheard first reading; asked again, the caller reads it right.
        const bool first = m_numberAsked++ == 0;
        if (first && m_scenario.misheard)
            say(phrase("number").arg(misheard(number)), {});
        else
            say(phrase(first ? "number" : "again").arg(number), {});
        return;
    }
    }
}

void CallerPanel::hearReadBack()
{
    const QString number = m_lastNumber ? m_lastNumber() : QString();
    if (number.isEmpty()) {
        say(phrase("which"), {});
        return;
    }
    if (isLive()) {
        askLive(tr("Your request number is %1.").arg(number));
        emit numberReadBack(number);
        return;
    }
    say(tr("Your request number is %1.").arg(number), tr("You said"));
    say(phrase("confirm").arg(number), {});
    emit numberReadBack(number);
}

void CallerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CallerPanel::retranslate()
{
    const QString caller =
        m_scenario.caller.anonymous ? tr("an anonymous caller") : m_scenario.caller.name;
    m_title->setText(
        (isLive() ? tr("<b>Live caller (your trainer):</b> %1<br>%2 · language: %3 · target %4 s")
                  : tr("<b>Practice caller:</b> %1<br>%2 · language: %3 · target %4 s"))
            .arg(caller.toHtmlEscaped(), m_scenario.title.toHtmlEscaped(), m_scenario.language)
            .arg(m_scenario.targetSeconds));
    m_hint->setText(tr("Ask the caller with the keys below; the answers appear above, in the "
                       "caller's language."));
    for (const auto &[button, kind] : std::as_const(m_askButtons)) {
        switch (kind) {
        case FactKind::Location:
            button->setText(tr("Where is it? (F5)"));
            break;
        case FactKind::Details:
            button->setText(tr("What happened? (F6)"));
            break;
        case FactKind::Caller:
            button->setText(tr("Who is calling? (F7)"));
            break;
        case FactKind::Question:
            button->setText(tr("Next question (F8)"));
            break;
        case FactKind::Number:
            button->setText(tr("Request number? (F9)"));
            break;
        }
        button->setAccessibleName(button->text());
    }
    m_readBack->setText(tr("Read the number back (Shift+F9)"));
    m_readBack->setAccessibleName(m_readBack->text());
    m_lines->setAccessibleName(tr("What the caller said"));
    m_question->setAccessibleName(tr("Ask the live caller"));
    m_question->setPlaceholderText(tr("Ask the caller in your own words (F4), Enter sends"));
    m_lines->setAccessibleDescription(m_hint->text());
    m_lines->setToolTip(m_hint->text());
}

} // namespace civicdesk

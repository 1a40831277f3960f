#include "ui/intake/callerbox.h"

#include "models/domain/caller.h"
#include "models/intake/intakerepository.h"
#include "ui_callerbox.h"

#include <QEvent>
#include <QKeyEvent>
#include <algorithm>

namespace civicdesk {

CallerBox::CallerBox(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::CallerBox>())
{
    m_ui->setupUi(this);
    m_ui->callerMatchList->setMaximumHeight(m_ui->callerMatchList->fontMetrics().height() * 4 + 8);
    m_ui->callerMatchList->hide();
    m_ui->callerPhoneLineEdit->installEventFilter(this);
    connect(m_ui->callerMatchList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit matchChosen(m_ui->callerMatchList->row(item)); });
    retranslate();
}

CallerBox::~CallerBox() = default;

QLineEdit *CallerBox::phoneEdit() const
{
    return m_ui->callerPhoneLineEdit;
}

QLineEdit *CallerBox::nameEdit() const
{
    return m_ui->callerNameLineEdit;
}

QLineEdit *CallerBox::emailEdit() const
{
    return m_ui->callerEmailLineEdit;
}

QComboBox *CallerBox::languageCombo() const
{
    return m_ui->callerLanguageComboBox;
}

QComboBox *CallerBox::preferenceCombo() const
{
    return m_ui->callerPreferenceComboBox;
}

QListWidget *CallerBox::matchList() const
{
    return m_ui->callerMatchList;
}

QLabel *CallerBox::statusLabel() const
{
    return m_ui->callerStatusLabel;
}

void CallerBox::showCaller(const Caller &caller)
{
    m_ui->callerPhoneLineEdit->setText(caller.phone);
    m_ui->callerNameLineEdit->setText(caller.name);
    m_ui->callerEmailLineEdit->setText(caller.email);
    setLanguage(caller.language);
    m_ui->callerPreferenceComboBox->setCurrentIndex(
        std::max(0, m_ui->callerPreferenceComboBox->findData(int(caller.preference))));
    m_ui->callerMatchList->hide();
}

void CallerBox::clear()
{
    for (QLineEdit *edit :
         {m_ui->callerPhoneLineEdit, m_ui->callerNameLineEdit, m_ui->callerEmailLineEdit})
        edit->clear();
    m_ui->callerLanguageComboBox->setCurrentIndex(0);
    m_ui->callerPreferenceComboBox->setCurrentIndex(0);
    m_ui->callerMatchList->clear();
    m_ui->callerMatchList->hide();
    m_ui->callerStatusLabel->clear();
}

void CallerBox::showMatches(const QList<CallerMatch> &matches)
{
    m_ui->callerMatchList->clear();
    for (const CallerMatch &m : matches) {
        auto *item = new QListWidgetItem(
            tr("%1 · %2 · %n request(s)", nullptr, m.requestCount)
                .arg(m.caller.name.isEmpty() ? tr("(no name)") : m.caller.name,
                     m.caller.phone.isEmpty() ? m.caller.email : m.caller.phone),
            m_ui->callerMatchList);
        item->setData(Qt::UserRole, m.caller.id);
    }
    m_ui->callerMatchList->setVisible(!matches.isEmpty());
    if (!matches.isEmpty())
        m_ui->callerMatchList->setCurrentRow(0);
}

void CallerBox::setLanguage(const QString &language)
{
    m_ui->callerLanguageComboBox->setCurrentIndex(
        std::max(0, m_ui->callerLanguageComboBox->findData(language)));
}

QList<QWidget *> CallerBox::focusChain() const
{
    return {m_ui->callerPhoneLineEdit,    m_ui->callerNameLineEdit,       m_ui->callerEmailLineEdit,
            m_ui->callerLanguageComboBox, m_ui->callerPreferenceComboBox, m_ui->callerMatchList};
}

bool CallerBox::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_ui->callerPhoneLineEdit || event->type() != QEvent::KeyPress ||
        !m_ui->callerMatchList->isVisible())
        return QWidget::eventFilter(watched, event);
    QListWidget *matches = m_ui->callerMatchList;
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (key == Qt::Key_Down || key == Qt::Key_Up) {
        matches->setCurrentRow(std::clamp(matches->currentRow() + (key == Qt::Key_Down ? 1 : -1), 0,
                                          matches->count() - 1));
        return true;
    }
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        emit matchChosen(std::max(0, matches->currentRow()));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void CallerBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void CallerBox::retranslate()
{
    QComboBox *languages = m_ui->callerLanguageComboBox;
    const QString language = languages->currentData().toString();
    languages->clear();
    languages->addItem(tr("English"), QStringLiteral("en"));
    languages->addItem(tr("Spanish"), QStringLiteral("es"));
    languages->setCurrentIndex(std::max(0, languages->findData(language)));
    QComboBox *preferences = m_ui->callerPreferenceComboBox;
    const QVariant preference = preferences->currentData();
    preferences->clear();
    preferences->addItem(tr("Phone call"), int(ContactPreference::Phone));
    preferences->addItem(tr("Email"), int(ContactPreference::Email));
    preferences->addItem(tr("Mail"), int(ContactPreference::Mail));
    preferences->addItem(tr("No follow-up wanted"), int(ContactPreference::None));
    preferences->setCurrentIndex(std::max(0, preferences->findData(preference)));
}

} // namespace civicdesk

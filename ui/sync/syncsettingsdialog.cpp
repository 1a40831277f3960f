#include "ui/sync/syncsettingsdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace civicdesk {

SyncSettingsDialog::SyncSettingsDialog(const QString &serverUrl, QWidget *parent)
    : QDialog(parent), m_url(new QLineEdit(serverUrl, this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("syncSettingsDialog"));
    setWindowTitle(tr("Central store"));
    m_url->setObjectName(QStringLiteral("syncServerLineEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://311.example.org"));
    m_message->setObjectName(QStringLiteral("syncSettingsMessageLabel"));
    m_message->setWordWrap(true);
    auto *label = new QLabel(tr("&Server address:"), this);
    label->setBuddy(m_url);
    auto *form = new QFormLayout;
    form->addRow(label, m_url);
    auto *help = new QLabel(tr("Leave empty to run standalone on this workstation's store. "
                               "The change takes effect at the next start."),
                            this);
    help->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(help);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SyncSettingsDialog::validate);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SyncSettingsDialog::serverUrl() const
{
    return m_url->text().trimmed();
}

void SyncSettingsDialog::validate()
{
    if (serverUrl().isEmpty()) {
        accept();
        return;
    }
    const QUrl url(serverUrl(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != u"http" && url.scheme() != u"https")) {
        m_message->setText(tr("Enter an http or https address, e.g. https://311.example.org."));
        return;
    }
    accept();
}

} // namespace civicdesk

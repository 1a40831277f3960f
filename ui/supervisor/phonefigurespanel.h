#pragma once

#include "models/supervision/phone/phonefigures.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace civicdesk {

// The workspace's "Phone system" tab: the phone system's figures for the period (all queues,
// then each queue: offered, answered, abandoned, service level against 80 % in the threshold,
// abandon rate, ASA), and the import of its interval report (CSV; every row checked before
// anything is written, problems listed with their lines). Supervisors and admins import.
class PhoneFiguresPanel : public QWidget
{
    Q_OBJECT

public:
    PhoneFiguresPanel(const SupervisorContext &context, QWidget *parent = nullptr);

    void refresh(const KpiPeriod &period);
    const PhoneFigures &figures() const { return m_figures; }
    // Imports a file as the button does after its file dialog; false when refused (the
    // reason is shown).
    bool importFile(const QString &path);
    QString status() const;
    // The file dialog (tests give a path instead, as for the exports).
    using ChooseFile = std::function<QString()>;
    void setFileChooser(ChooseFile chooser) { m_choose = std::move(chooser); }

signals:
    void imported();

private:
    void chooseFile();

    SupervisorContext m_context;
    KpiPeriod m_period;
    PhoneFigures m_figures;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_import;
    ChooseFile m_choose;
};

} // namespace civicdesk

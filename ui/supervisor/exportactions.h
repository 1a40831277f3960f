#pragma once

#include "models/supervision/kpi/kpireport.h"
#include "models/supervision/reports/supervisionexport.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QObject>
#include <functional>

class QAction;
class QLabel;
class QPushButton;
class QWidget;

namespace civicdesk {

// The workspace's "Export" button: the contacts or the requests of the figures' filter as CSV
// (SupervisionExport), to a file the supervisor chooses; the callers' details only when the
// supervisor ticks them in the menu; and the monthly PDF report (Ctrl+Shift+M) of the month of
// the period's first day. A file is written whole or not at all (QSaveFile).
class ExportActions : public QObject
{
    Q_OBJECT

public:
    // Asks where to save (title, suggested path); empty: cancelled. Tests give their own.
    using ChooseFile = std::function<QString(const QString &title, const QString &suggested)>;

    ExportActions(const SupervisorContext &context, std::function<KpiFilter()> filter,
                  QWidget *parent);

    QPushButton *button() const { return m_button; }
    QLabel *statusLabel() const { return m_status; }
    QAction *callerDetailsAction() const { return m_callers; }
    QAction *reportAction() const { return m_report; }
    void setFileChooser(ChooseFile chooser) { m_choose = std::move(chooser); }

    // Writes one export to `path`; the message shown says how many rows or what went wrong.
    Status exportTo(SupervisionExport::ExportKind kind, const QString &path);
    // Writes the monthly report of the month holding `day` to `path`.
    Status reportTo(QDate day, const QString &path);

private:
    void ask(SupervisionExport::ExportKind kind);
    void askReport();
    QString suggested(const QString &name) const;
    Status failed(const Error &error);

    SupervisorContext m_context;
    std::function<KpiFilter()> m_filter;
    QWidget *m_parent;
    QPushButton *m_button;
    QLabel *m_status;
    QAction *m_callers;
    QAction *m_report;
    ChooseFile m_choose;
};

} // namespace civicdesk

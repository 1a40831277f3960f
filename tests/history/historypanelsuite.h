#pragma once

// The history panel suite (tst_historypanel): its class, a fresh history fixture and the panel
// on it for each test, and the steps its tests share. Its tests are defined in two files: the
// views, the search and the callbacks (tst_historypanel.cpp), a request's detail
// (historydetail.cpp).

#include "models/city/cataloguerepository.h"
#include "models/intake/intakeservice.h"
#include "models/itemmodels/callbacklistmodel.h"
#include "models/itemmodels/requestlistmodel.h"
#include "models/itemmodels/timelinemodel.h"
#include "models/requests/historycontext.h"
#include "models/requests/historyservices.h"
#include "models/requests/requestsearchrepository.h"
#include "tests/history/historyfixture.h"
#include "ui/history/callbacklistview.h"
#include "ui/history/historypanel.h"
#include "ui/history/historysearchview.h"
#include "ui/history/requestdetaildialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace civicdesk;
using Mode = QAbstractItemModelTester::FailureReportingMode;

class TestHistoryPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::HistoryFixture> m_fx;
    std::unique_ptr<HistoryServices> m_services;  // as the composition root builds them
    std::unique_ptr<RequestListModel> m_requests; // the same (StoreContext::requestList)
    std::unique_ptr<HistoryPanel> m_panel;

    template <typename T> T *child(QWidget *root, const char *name)
    {
        T *widget = root->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget %s", name);
        return widget;
    }
    QTableView *table(const char *name) { return child<QTableView>(m_panel.get(), name); }
    QString cell(QTableView *view, int row, int column)
    {
        return view->model()->index(row, column).data().toString();
    }
    QString display() const
    {
        return m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5);
    }
    RequestDetailDialog *openDetailFromCallerView()
    {
        m_panel->setCaller(m_fx->anaId);
        m_panel->showTab(HistoryPanel::CallerTab);
        QTableView *view = table("callerHistoryTableView");
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Return);
        RequestDetailDialog *detail = m_panel->detailDialog();
        if (detail && !QTest::qWaitForWindowExposed(detail))
            return nullptr;
        return detail;
    }

    // The number as the agent types it, split in two as it is read aloud.
    QString displayOf(const QString &compact) const
    {
        return compact.size() == 10 ? compact.left(5) + u'-' + compact.mid(5) : compact;
    }

private slots:
    void init();
    void cleanup();
    void theThreeViewsFollowTheContact();
    void theCallerViewAddsWhatTheCentralStoreHas();
    void searchThroughTheFilters();
    void aTimelineWithEditsByTwoAgents();
    void statusChangesByRole();
    void readBackWithAMistypedNumber();
    void typingFasterThanTheStoreAnswersShowsTheLastFilter();
    void duplicatesAreLinkedAndUnlinkedByRole();

    // The detail is written for the agent: each answer as its question and the chosen label,
    // the department by name, and no "central store" line on a standalone workstation.
    void theDetailSpeaksTheAgentsLanguage();

    void callbacksAreScheduledAndMarkedDone();
};

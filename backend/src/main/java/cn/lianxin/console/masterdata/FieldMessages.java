package cn.lianxin.console.masterdata;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Map;

/**
 * The errors of the API's own rules (its bean-validation constraints and the reference checks of the services), put
 * in the words a clerk reads. The rules stay where they are; only their wording is the console's.
 */
final class FieldMessages {

    private FieldMessages() {
    }

    /** The request field a violation is at: the last named property, so "specialties[0]" is "specialties". */
    static String field(ConstraintViolation<?> violation) {
        String field = violation.getPropertyPath().toString();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                field = node.getName();
            }
        }
        return field;
    }

    static String of(ConstraintViolation<?> violation) {
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
        String type = constraint.annotationType().getSimpleName();
        boolean many = violation.getInvalidValue() instanceof Collection;
        switch (type) {
            case "NotNull":
            case "NotBlank":
            case "NotEmpty":
                return "必填";
            case "Size":
                int min = (Integer) attributes.get("min");
                int max = (Integer) attributes.get("max");
                if (many) {
                    return min > 0 ? "至少选择 " + min + " 项" : "最多 " + max + " 项";
                }
                return min > 0 ? "须为 " + min + " 到 " + max + " 个字符" : "最多 " + max + " 个字";
            case "Pattern":
                return "格式不对";
            default:
                return violation.getMessage();
        }
    }

    /** A service's refusal of a field (an unknown or deactivated reference, a rule between fields). */
    static String ofApi(String message) {
        if (message.startsWith("no active")) {
            return "所选的项不存在或已停用";
        }
        if (message.startsWith("is required for the role")) {
            return "这个角色必须选择";
        }
        if (message.startsWith("must be empty for the role")) {
            return "这个角色不用选择";
        }
        if (message.equals("belongs to another workstation")) {
            return "这位党代表属于另一个工作室";
        }
        if (message.equals("must be a mainland China mobile number")) {
            return "须为大陆手机号码";
        }
        if (message.contains(" anyway; only a ")) {
            return "这一天按默认规则已是如此：工作日只能设为休息日，周末只能设为调休上班";
        }
        if (message.startsWith("is required, as a date") || message.startsWith("must be a date")) {
            return "请填写日期，如 2026-10-01";
        }
        return message;
    }

    static final String DUPLICATE = "已有同名或同编码的记录，请换一个";
}
